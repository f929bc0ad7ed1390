/**
 * Waits until the program has nothing left to do, as the language host does (it keeps the process
 * alive until the event loop empties). An error thrown inside an `apply` rejects the registration
 * that uses the value only after the RPCs that `waitForRPCs` counts are done, and surfaces a turn of
 * the event loop later as an unhandled rejection: stop only when a turn brings no new error and no
 * new resource, so a late failure fails the preview instead of vanishing with its resources.
 */
export async function settle(
    runtime: { waitForRPCs(): Promise<void> },
    progress: () => number,
): Promise<void> {
    const MAX_TURNS = 100;
    let before = -1;
    for (let turn = 0; turn < MAX_TURNS && progress() !== before; turn++) {
        before = progress();
        await runtime.waitForRPCs();
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setImmediate(resolve));
    }
}

/**
 * The error's own message. An error thrown inside an `apply` reaches us wrapped once per property it
 * was nested in (`error serializing property "name": ...`); the wrapping names SDK internals, not the
 * user's mistake, so it is dropped.
 */
export function programErrorMessage(error: unknown): string {
    const text = error instanceof Error ? error.message || error.name : String(error);
    return text.replace(/^(error serializing property "[^"]*": )+/, "");
}
