import * as assert from "node:assert/strict";
import { UnknownValueError } from "@pulumi/policy";
import { readKnown } from "../../../policypack/lib/known-value";
import { analyzeStackRequest } from "../../../cli/engine/analyzer-messages";
import type { RecordedResource } from "../../../cli/engine/types";
import { SIG_KEY, UNKNOWN, secret } from "../../../cli/engine/wire";
import { graphResourcesOf } from "../../../cli/graph/resources";
import type { StackResource } from "../../../policypack/lib/stack/resource";

/** The SDK's AnalyzeStack handler (internal, but it is the code the pack runs). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const server = require("@pulumi/policy/server") as {
    makeAnalyzeStackRpcFun(
        name: string,
        version: string,
        level: string,
        policies: unknown[],
    ): (call: { request: unknown }, callback: (error: unknown) => void) => Promise<void>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as { getSpecialProxyTarget: string };

interface SdkResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly props: Record<string, unknown>;
    readonly parent?: { urn: string };
    readonly propertyDependencies: Record<string, { urn: string }[]>;
}

/** What a stack policy's `args.resources` holds for the request the driver sends for `resources`. */
async function asTheSdkSeesThem(resources: readonly RecordedResource[]): Promise<SdkResource[]> {
    let seen: SdkResource[] = [];
    const policy = {
        name: "capture",
        description: "Captures the resources a stack policy sees.",
        enforcementLevel: "advisory",
        validateStack: (args: { resources: SdkResource[] }) => {
            seen = args.resources;
        },
    };
    const analyzeStack = server.makeAnalyzeStackRpcFun("test", "0.0.1", "advisory", [policy]);
    const request = analyzeStackRequest(resources, () => undefined);
    await new Promise<void>((resolve, reject) => {
        void analyzeStack({ request }, (error) =>
            error
                ? reject(error instanceof Error ? error : new Error(JSON.stringify(error)))
                : resolve(),
        );
    });
    return seen;
}

/** @pulumi/pulumi runtime/rpc.js specialArchiveSig. */
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
const STACK = "urn:pulumi:dev::shop::";
const ROLE = `${STACK}aws:iam/role:Role::api-role`;
const FUNCTION = `${STACK}aws:lambda/function:Function::api`;
const COMPONENT = `${STACK}perimeter:index:AwsFunction::api`;
const OUTSIDE = `${STACK}aws:iam/role:Role::deleted-elsewhere`;

function recorded(
    urn: string,
    outputs: RecordedResource["outputs"],
    extra: Partial<RecordedResource> = {},
): RecordedResource {
    const parts = urn.split("::");
    return {
        urn,
        type: (parts[2] ?? "").split("$").pop() ?? "",
        name: parts[3] ?? "",
        custom: true,
        dependencies: [],
        propertyDependencies: {},
        inputs: {},
        outputs,
        ...extra,
    };
}

/** A previewed function and its role: unknown ARN, a secret environment, a ciphertext-only secret. */
function stack(): RecordedResource[] {
    return [
        recorded(COMPONENT, { roleName: "api-role" }, { custom: false }),
        recorded(
            ROLE,
            { name: "api-role", arn: UNKNOWN, tags: { team: "shop" } },
            {
                parent: COMPONENT,
            },
        ),
        recorded(
            FUNCTION,
            {
                role: UNKNOWN,
                environment: {
                    variables: { TOKEN: secret("hunter2-token"), SEALED: secret(UNKNOWN) },
                },
                layers: [UNKNOWN, "arn:aws:lambda:eu-west-1:123456789012:layer:x:1"],
                memorySize: 128,
                publish: false,
                description: null,
                // An archive as the engine records it; the SDK hands policies an archive object.
                code: { [SIG_KEY]: ARCHIVE_SIG, path: "./app" },
            },
            {
                parent: COMPONENT,
                propertyDependencies: { role: [ROLE, OUTSIDE], code: [] },
                dependencies: [ROLE],
            },
        ),
    ];
}

/** The plain data behind a proxied bag, nested proxies included. */
function target(value: unknown): unknown {
    if (value === null || typeof value !== "object") return value;
    const inner = (value as Record<string, unknown>)[proxy.getSpecialProxyTarget] ?? value;
    if (Array.isArray(inner)) return inner.map((item) => target(item));
    return Object.fromEntries(
        Object.entries(inner as Record<string, unknown>).map(([k, v]) => [k, target(v)]),
    );
}

function urnsOf(dependencies: Readonly<Record<string, readonly { urn: string }[]>> | undefined) {
    return Object.fromEntries(
        Object.entries(dependencies ?? {}).map(([k, v]) => [k, v.map((d) => d.urn)]),
    );
}

describe("graphResourcesOf", () => {
    let sdk: SdkResource[];
    let mine: StackResource[];

    before(async () => {
        sdk = await asTheSdkSeesThem(stack());
        mine = graphResourcesOf(stack());
    });

    it("gives every resource the property bag the SDK gives a stack policy", () => {
        assert.equal(mine.length, sdk.length);
        mine.forEach((resource, index) => {
            const theirs = sdk[index];
            assert.ok(theirs);
            assert.equal(resource.urn, theirs.urn);
            assert.equal(resource.type, theirs.type);
            assert.equal(resource.name, theirs.name);
            assert.deepEqual(target(resource.props), target(theirs.props));
        });
    });

    it("links parent and property dependencies within the stack, as the SDK does", () => {
        mine.forEach((resource, index) => {
            const theirs = sdk[index];
            assert.equal(resource.parent?.urn, theirs?.parent?.urn);
            assert.deepEqual(
                urnsOf(resource.propertyDependencies),
                urnsOf(theirs?.propertyDependencies),
            );
        });
        const fn = mine.find((r) => r.urn === FUNCTION);
        assert.deepEqual(urnsOf(fn?.propertyDependencies), { role: [ROLE], code: [] });
        assert.equal(fn?.parent?.urn, COMPONENT);
        // The links are the resources themselves, as in the SDK: their props are readable.
        assert.equal(
            fn?.propertyDependencies?.role?.[0],
            mine.find((r) => r.urn === ROLE),
        );
    });

    it("throws the SDK's UnknownValueError on an unknown value, wherever it is", () => {
        const fn = mine.find((r) => r.urn === FUNCTION);
        const role = mine.find((r) => r.urn === ROLE);
        assert.ok(fn && role);
        assert.throws(() => fn.props.role, UnknownValueError);
        assert.throws(() => role.props.arn, /string value at \.arn can't be known during preview/);
        const layers = fn.props.layers as unknown[];
        assert.throws(() => layers[0], UnknownValueError);
        assert.equal(layers[1], "arn:aws:lambda:eu-west-1:123456789012:layer:x:1");
        assert.deepEqual(
            readKnown(() => fn.props.role),
            { known: false },
        );
        assert.deepEqual(
            readKnown(() => role.props.name),
            { known: true, value: "api-role" },
        );
    });

    it("shows a secret as its plaintext, and a ciphertext-only secret as unknown", () => {
        const fn = mine.find((r) => r.urn === FUNCTION);
        const variables = (fn?.props.environment as { variables: Record<string, unknown> })
            .variables;
        assert.equal(variables.TOKEN, "hunter2-token");
        assert.throws(() => variables.SEALED, UnknownValueError);
    });
});
