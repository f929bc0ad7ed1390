/**
 * The mocks perimeter installs with `pulumi.runtime.setMocks`: realistic computed outputs from a table
 * keyed by type token, offline answers for common invokes. Unknown types get an ID and their inputs.
 */
import type { runtime } from "@pulumi/pulumi";
import { awsOutputs } from "./aws";
import { azureFallback, azureOutputs } from "./azure";
import { cloudsFromConfig, createContext, type MockClouds, type OutputRule } from "./context";
import { gcpIamRule, gcpOutputs, isGcpIamType } from "./gcp";
import { invokes } from "./invokes";

export interface MockSettings {
    readonly preview: boolean;
    /** The program's config (`ns:key` → value): provider regions and projects shape the outputs. */
    readonly config: Readonly<Record<string, string>>;
}

const outputRules: Readonly<Record<string, OutputRule>> = {
    ...awsOutputs,
    ...azureOutputs,
    ...gcpOutputs,
};

/** Providers get a UUID as their ID, like the engine assigns. */
const providerRule: OutputRule = (c) => ({ id: c.uuid("provider"), outputs: {} });

/** Any other custom resource: an ID derived from its name, and nothing computed. */
const fallbackRule: OutputRule = (c) => ({ id: `${c.name}-${c.hex(7, "id")}`, outputs: {} });

export function ruleFor(type: string): OutputRule {
    const exact = outputRules[type];
    if (exact) {
        return exact;
    }
    if (type.startsWith("pulumi:providers:")) {
        return providerRule;
    }
    if (isGcpIamType(type)) {
        return gcpIamRule;
    }
    if (type.startsWith("azure-native:")) {
        return azureFallback;
    }
    return fallbackRule;
}

/** The state a provider would return for a new custom resource: its inputs plus computed outputs. */
export function mockState(
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    preview: boolean,
    clouds: MockClouds,
    readId?: string,
): { id: string | undefined; state: Record<string, unknown> } {
    if (readId !== undefined) {
        // A resource read with `.get` exists: its state is known in a preview too, and derives
        // from the ID read (a user-assigned identity's principal is that identity's).
        const result = ruleFor(type)(createContext(type, name, inputs, false, clouds, readId));
        return { id: readId, state: { ...inputs, ...result.outputs } };
    }
    const result = ruleFor(type)(createContext(type, name, inputs, preview, clouds));
    // During a preview a new resource has no ID yet; the SDK turns the missing ID into an unknown.
    return { id: preview ? undefined : result.id, state: { ...inputs, ...result.outputs } };
}

export function createMocks(settings: MockSettings): runtime.Mocks {
    const clouds = cloudsFromConfig(settings.config);
    return {
        newResource(args: runtime.MockResourceArgs): runtime.MockResourceResult {
            const inputs = (args.inputs ?? {}) as Record<string, unknown>;
            if (args.custom === false) {
                // Components have no provider; their outputs arrive later through registerOutputs.
                return { id: undefined, state: inputs };
            }
            const { id, state } = mockState(
                args.type,
                args.name,
                inputs,
                settings.preview,
                clouds,
                args.id || undefined,
            );
            return { id, state };
        },
        call(args: runtime.MockCallArgs): Record<string, unknown> {
            const answer = invokes[args.token];
            if (!answer) {
                throw new Error(
                    `perimeter runs programs offline and has no answer for the function '${args.token}'; ` +
                        `pass the value it looks up through config instead`,
                );
            }
            return answer((args.inputs ?? {}) as Record<string, unknown>, clouds);
        },
    };
}
