import * as pulumi from "@pulumi/pulumi";

/**
 * Collects every problem with a component's arguments, so the user sees all of them in one error
 * instead of fixing them one run at a time. Each problem names the argument (in backticks, as
 * pulumi-awsx does), the bad value and the fix.
 */
export class ArgumentProblems {
    private readonly problems: string[] = [];

    /** `argument` is the path of the bad argument, e.g. "grants[2].access". */
    add(argument: string, problem: string): void {
        this.problems.push(`\`${argument}\` ${problem}`);
    }

    get size(): number {
        return this.problems.length;
    }

    /** The problems found so far, in the order found. */
    list(): readonly string[] {
        return this.problems;
    }

    /**
     * Throws one `ResourceError` listing every problem. Called before any child resource is
     * registered, so a bad argument creates nothing.
     */
    throwIfAny(component: string, name: string, resource: pulumi.Resource): void {
        if (this.problems.length === 0) {
            return;
        }
        const noun = this.problems.length === 1 ? "problem" : "problems";
        const lines = this.problems.map((p) => `  - ${p}`).join("\n");
        throw new pulumi.ResourceError(
            `${component} '${name}' has ${this.problems.length} ${noun} with its arguments:\n${lines}`,
            resource,
        );
    }
}

/** A value as a user wrote it, for messages: strings quoted, everything else as JSON. */
export function shown(value: unknown): string {
    if (typeof value === "string") {
        return `'${value}'`;
    }
    if (value === undefined) {
        return "undefined";
    }
    try {
        return JSON.stringify(value) ?? typeof value;
    } catch {
        // A cyclic object cannot be shown as JSON; its kind is enough to recognise it.
        return Object.prototype.toString.call(value);
    }
}
