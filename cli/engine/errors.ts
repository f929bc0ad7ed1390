/**
 * A problem the user can fix (bad flag, missing directory, invalid file, a pack that will not start).
 * The command prints its message as one line and exits with code 2; no stack trace unless --debug.
 */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}
