/**
 * What a policy reads from the world besides its inputs: today's date (exemptions expire) and where audit
 * lines go (stderr, which the Pulumi CLI and `perimeter` collect). Tests and the CLI run a policy inside
 * `runWithPolicyEnvironment` to fix the date and capture the lines without touching process globals.
 */
import { AsyncLocalStorage } from "async_hooks";

export interface PolicyEnvironment {
    readonly now: () => Date;
    /** Receives one line, without its newline. */
    readonly writeLine: (line: string) => void;
}

const processEnvironment: PolicyEnvironment = {
    now: () => new Date(),
    writeLine: (line) => {
        process.stderr.write(`${line}\n`);
    },
};

const storage = new AsyncLocalStorage<PolicyEnvironment>();

export function runWithPolicyEnvironment<T>(environment: PolicyEnvironment, run: () => T): T {
    return storage.run(environment, run);
}

export function currentPolicyEnvironment(): PolicyEnvironment {
    return storage.getStore() ?? processEnvironment;
}
