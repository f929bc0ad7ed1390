/** The little a stream needs to be for colour and progress decisions; tests pass fakes. */
export interface OutputStream {
    readonly isTTY?: boolean;
    readonly columns?: number;
    write(text: string): boolean;
}

/**
 * Colour only for a person at a terminal: never into a pipe or a file, and never when NO_COLOR is set
 * to anything non-empty (https://no-color.org).
 */
export function colorEnabled(stream: OutputStream, env: NodeJS.ProcessEnv): boolean {
    return stream.isTTY === true && (env.NO_COLOR ?? "") === "" && env.TERM !== "dumb";
}

export interface Style {
    readonly red: (text: string) => string;
    readonly yellow: (text: string) => string;
    readonly green: (text: string) => string;
    readonly bold: (text: string) => string;
    readonly dim: (text: string) => string;
}

export function createStyle(color: boolean): Style {
    const sgr =
        (open: number, close: number) =>
        (text: string): string =>
            color ? `\x1b[${open}m${text}\x1b[${close}m` : text;
    return {
        red: sgr(31, 39),
        yellow: sgr(33, 39),
        green: sgr(32, 39),
        bold: sgr(1, 22),
        dim: sgr(2, 22),
    };
}

/** A one-line status on stderr that rewrites itself; silent unless stderr is a terminal. */
export interface Progress {
    /** Replace the status line. Updates closer than the throttle interval are dropped. */
    update(text: string): void;
    /** Erase the status line so that whatever follows starts on a clean line. */
    clear(): void;
}

export interface ProgressOptions {
    /** Work shorter than this shows no progress at all: a flash of text helps nobody. @default 500 */
    readonly delayMs?: number;
    /** Updates closer together than this are dropped, to keep a fast loop off the terminal. @default 100 */
    readonly intervalMs?: number;
    readonly now?: () => number;
}

export function createProgress(stream: OutputStream, options: ProgressOptions = {}): Progress {
    if (stream.isTTY !== true) {
        return { update: () => undefined, clear: () => undefined };
    }
    const { delayMs = 500, intervalMs = 100, now = Date.now } = options;
    const started = now();
    let shown = false;
    let lastUpdate = Number.NEGATIVE_INFINITY;
    return {
        update(text) {
            const time = now();
            if (time - started < delayMs || time - lastUpdate < intervalMs) return;
            lastUpdate = time;
            // Cut to the terminal width: a wrapped line cannot be erased with a carriage return.
            // A pseudo-terminal of unknown size reports 0 columns; assume the classic 80.
            const columns =
                stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80;
            const width = Math.max(columns - 1, 10);
            stream.write(`\r\x1b[2K${text.slice(0, width)}`);
            shown = true;
        },
        clear() {
            if (shown) stream.write("\r\x1b[2K");
            shown = false;
        },
    };
}
