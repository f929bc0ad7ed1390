/**
 * What must not outlive the CLI: policy-pack processes it started and temporary report files it is
 * writing. Each registers a cleanup while it exists; all run when the process exits normally, and on
 * SIGINT, SIGTERM or SIGHUP (which end Node without an `exit` event), after which the CLI exits with the
 * shell's code for that signal: 130, 143 or 129 (128 + the signal number).
 */
const cleanups = new Set<() => void>();

function runCleanups(): void {
    for (const cleanup of [...cleanups]) {
        try {
            cleanup();
        } catch {
            // One failed cleanup must not keep the others from running.
        }
    }
    cleanups.clear();
}

process.once("exit", runCleanups);

/** Registers a synchronous cleanup; returns the function that unregisters it. */
export function atExit(cleanup: () => void): () => void {
    cleanups.add(cleanup);
    return () => {
        cleanups.delete(cleanup);
    };
}

const SIGNAL_EXIT_CODES: Readonly<Record<string, number>> = {
    SIGINT: 130,
    SIGTERM: 143,
    SIGHUP: 129,
};

/** For the `perimeter` command only (bin/perimeter.js): clean up and exit on a terminating signal. */
export function exitCleanlyOnSignals(): void {
    for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) {
        process.once(signal, () => {
            runCleanups();
            process.exit(code);
        });
    }
}
