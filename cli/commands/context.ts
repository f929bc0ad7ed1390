import type { Evaluation, PolicyConfigFile } from "../engine/types";
import type { OutputStream, Progress } from "../terminal";

/** The process streams a command uses; tests pass fakes. */
export interface CommandIo {
    readonly stdin: AsyncIterable<Buffer | string>;
    readonly stdout: OutputStream;
    readonly stderr: OutputStream;
    readonly env: NodeJS.ProcessEnv;
}

/** What preview and audit share once the flags are resolved. */
export interface EvaluationContext {
    readonly packDirs: readonly string[];
    readonly policyConfig?: PolicyConfigFile;
    /** --protocol: every pack over the analyzer protocol (see ../engine/evaluate.ts). */
    readonly protocol: boolean;
    readonly progress: Progress;
    readonly stdin: AsyncIterable<Buffer | string>;
    /** Under `--debug`: where the program's own console output goes (it is dropped otherwise). */
    readonly debugLog?: (line: string) => void;
}

/** The evaluations of one command and whether they form a combined (several-input) report. */
export interface EvaluationSet {
    readonly evaluations: readonly Evaluation[];
    readonly combined: boolean;
}
