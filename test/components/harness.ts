/**
 * Runs components in-process under Pulumi's mock runtime with perimeter's own mocks (realistic ARNs,
 * IDs, emails; an error for any provider function they cannot answer) and records every resource
 * registered, with parents, dependencies and property dependencies, as the offline engine does.
 */
import * as pulumi from "@pulumi/pulumi";
import { createMocks } from "../../cli/engine/mocks";
import { type MockMonitorLike, ResourceRecorder } from "../../cli/engine/recording-monitor";
import { programErrorMessage, settle } from "../../cli/engine/settle";
import type { PropertyMap, PropertyValue, RecordedResource } from "../../cli/engine/types";

export interface RunOptions {
    /** Leave computed outputs unknown, as `pulumi preview` does. */
    readonly preview?: boolean;
    /** Program config, `ns:key` → value. */
    readonly config?: Readonly<Record<string, string>>;
    /** The stack the program runs in. @default "dev" */
    readonly stack?: string;
}

export interface Recorded {
    readonly resources: readonly RecordedResource[];
    /** The resources of one type, in registration order. */
    ofType(type: string): RecordedResource[];
    /** The one resource of this type and name (the name as registered). */
    named(type: string, name: string): RecordedResource;
}

const PROJECT = "test";
const STACK = "dev";

/** Runs `program` inside a root stack and waits for every registration, as a Pulumi program runs. */
export async function runComponents(
    program: () => unknown,
    options: RunOptions = {},
): Promise<Recorded> {
    const settings = {
        project: PROJECT,
        stack: options.stack ?? STACK,
        preview: options.preview ?? false,
        config: options.config ?? {},
    };
    // The SDK reads PULUMI_CONFIG once, when its config store is first created: set the live store,
    // and put the previous config back so each run sees only its own.
    const previousConfig = pulumi.runtime.allConfig();
    pulumi.runtime.setAllConfig({ ...settings.config });
    await pulumi.runtime.setMocks(createMocks(settings), PROJECT, settings.stack, settings.preview);
    const recorder = new ResourceRecorder(settings);
    recorder.install(pulumi.runtime.getMonitor() as unknown as MockMonitorLike);
    // Failures inside registrations surface as unhandled rejections, as under `pulumi up`.
    const errors: unknown[] = [];
    const onRejection = (reason: unknown): void => {
        errors.push(reason);
    };
    process.on("unhandledRejection", onRejection);
    try {
        try {
            await pulumi.runtime.runInPulumiStack(async () => {
                await Promise.resolve(program());
            });
        } catch (error) {
            errors.unshift(error);
        }
        // `waitForRPCs` is internal to the SDK (stripped from its types) but what the language host
        // awaits too; then wait as the offline preview does, so a late failure inside an apply fails
        // this run, and no rejection of this run lands in the next one.
        await settle(
            pulumi.runtime as unknown as { waitForRPCs(): Promise<void> },
            () => errors.length + recorder.resources().length,
        );
    } finally {
        process.off("unhandledRejection", onRejection);
        pulumi.runtime.setAllConfig(previousConfig);
    }
    if (errors.length > 0) {
        // What was registered before the failure, so tests can check that nothing was created.
        throw new ProgramFailure(errors[0], recorder.resources());
    }
    const resources = recorder.resources();
    return {
        resources,
        ofType: (type) => resources.filter((r) => r.type === type),
        named: (type, name) => {
            const found = resources.find((r) => r.type === type && r.name === name);
            if (!found) {
                const names = resources.filter((r) => r.type === type).map((r) => r.name);
                throw new Error(
                    `no ${type} named '${name}' was registered (have: ${names.join(", ")})`,
                );
            }
            return found;
        },
    };
}

class ProgramFailure extends Error {
    constructor(
        override readonly cause: unknown,
        readonly resources: readonly RecordedResource[],
    ) {
        super(programErrorMessage(cause));
    }
}

/**
 * Runs a program that must fail: the error message, and the resources registered before it failed
 * (the root stack and any component shells; a bad argument must leave no custom resource).
 */
export async function failureOf(
    program: () => unknown,
    options: RunOptions = {},
): Promise<{ message: string; resources: readonly RecordedResource[] }> {
    let succeeded: Recorded;
    try {
        succeeded = await runComponents(program, options);
    } catch (error) {
        if (error instanceof ProgramFailure) {
            return { message: error.message, resources: error.resources };
        }
        throw error;
    }
    throw new Error(
        `the program succeeded with ${succeeded.resources.length} resources; it was expected to fail`,
    );
}

/** A policy document input, parsed: recorded inputs hold the JSON string the component rendered. */
export function parsedJson(value: PropertyValue | undefined): unknown {
    if (typeof value !== "string") {
        throw new Error(`expected a JSON string, got ${JSON.stringify(value)}`);
    }
    return JSON.parse(value) as unknown;
}

export function isUnknownValue(value: PropertyValue | undefined): boolean {
    return typeof value === "object" && value !== null && "__unknown" in value;
}

export type { PropertyMap, RecordedResource };
