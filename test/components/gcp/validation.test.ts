import * as assert from "node:assert/strict";
import { GcpConditions, GcpFunction, type GcpFunctionArgs } from "../../../components/gcp";
import { failureOf, runComponents } from "../harness";
import { CONFIG, baseArgs } from "./fixtures";

async function problemsOf(args: GcpFunctionArgs): Promise<{ message: string; custom: number }> {
    const { message, resources } = await failureOf(() => new GcpFunction("ingest", args), {
        config: CONFIG,
    });
    return { message, custom: resources.filter((r) => r.custom).length };
}

describe("GcpFunction arguments", () => {
    it("lists every problem by argument in one error and creates nothing", async () => {
        const { message } = await problemsOf(
            baseArgs({
                serviceAccountId: "Bad_ID",
                grants: [
                    { name: "uploads", access: "storage:raed", resource: "uploads" },
                    { name: "uploads", access: "pubsub:publish", resource: "projects/p/topics/t" },
                    { name: "token", access: "secretmanager:read", resource: "" },
                    {
                        name: "events",
                        access: "pubsub:publish",
                        resource: "projects/p/topics/events",
                        conditions: [GcpConditions.expiresAt("2030-01-01T00:00:00Z")],
                    },
                ],
            }),
        );
        assert.match(message, /GcpFunction 'ingest' has 5 problems/);
        assert.match(message, /`serviceAccountId` 'Bad_ID' is not a service account ID/);
        assert.match(
            message,
            /`grants\[0\]\.access` 'storage:raed' is not an access level; did you mean 'storage:read'\?/,
        );
        assert.match(message, /`grants\[1\]\.name` 'uploads' is used by another grant/);
        assert.match(message, /`grants\[2\]\.resource` is missing/);
        assert.match(
            message,
            /`grants\[3\]\.conditions` cannot be used with 'pubsub:publish': a Pub\/Sub topic does not accept IAM Conditions/,
        );
    });

    it("refuses a function name Cloud Run functions would refuse, given or derived from the component", async () => {
        const given = await problemsOf(baseArgs({ functionName: "9-lives_" }));
        assert.match(
            given.message,
            /`functionName` '9-lives_' is not a function name: start with a letter/,
        );
        assert.equal(given.custom, 0);
        for (const name of ["Ingest.API", "2fa", "a".repeat(55)]) {
            const { message } = await failureOf(() => new GcpFunction(name, baseArgs()), {
                config: CONFIG,
            });
            assert.match(
                message,
                /`functionName` is not given, so the function would be named after the component/,
            );
        }
        const { message } = await failureOf(() => new GcpFunction("Ingest.API", baseArgs()), {
            config: CONFIG,
        });
        assert.match(message, /give `functionName`, e\.g\. 'Ingest-API'/);
        // Names Google accepts pass, with or without functionName.
        for (const [name, functionName] of [
            ["ingest_v2", undefined],
            ["a".repeat(54), undefined],
            ["Ingest.API", "Ingest_API"],
            ["x", "a".repeat(63)],
        ] as const) {
            await runComponents(() => new GcpFunction(name, baseArgs({ functionName })), {
                config: CONFIG,
            });
        }
    });

    it("registers no resource at all when the arguments are wrong", async () => {
        const { custom } = await problemsOf(baseArgs({ runtime: "node" }));
        assert.equal(custom, 0);
    });

    it("refuses the default compute and App Engine accounts", async () => {
        const { message } = await problemsOf(
            baseArgs({
                existingServiceAccountEmail: "123456789012-compute@developer.gserviceaccount.com",
                buildServiceAccountEmail: "acme-prod@appspot.gserviceaccount.com",
            }),
        );
        assert.match(message, /`existingServiceAccountEmail` .* is a default service account/);
        assert.match(message, /`buildServiceAccountEmail` .* is a default service account/);
    });

    it("refuses to build as the runtime account", async () => {
        const email = "worker@acme-prod.iam.gserviceaccount.com";
        const { message } = await problemsOf(
            baseArgs({ existingServiceAccountEmail: email, buildServiceAccountEmail: email }),
        );
        assert.match(message, /`buildServiceAccountEmail` is the runtime account/);
    });

    it("opens ingress to all only when the function is declared public", async () => {
        const { message } = await problemsOf(baseArgs({ ingress: "ALLOW_ALL" }));
        assert.match(
            message,
            /`ingress` 'ALLOW_ALL' opens the function to the internet; say `public: true`/,
        );
    });

    it("rejects a prefix on a non-storage grant, a bad expiry and run:invoke fields elsewhere", async () => {
        const { message } = await problemsOf(
            baseArgs({
                grants: [
                    { name: "key", access: "kms:decrypt", resource: "k", prefix: "a/" },
                    {
                        name: "token",
                        access: "secretmanager:read",
                        resource: "s",
                        conditions: [GcpConditions.expiresAt("next year")],
                    },
                    { name: "topic", access: "pubsub:publish", resource: "t", url: "https://x" },
                ],
            }),
        );
        assert.match(message, /`grants\[0\]\.prefix` applies to storage grants only/);
        assert.match(
            message,
            /`grants\[1\]\.conditions\[0\]\.expression` has 'next year', which is not an RFC 3339 time/,
        );
        assert.match(message, /`grants\[2\]\.url` applies to 'run:invoke' grants only/);
    });

    it("requires the code, its source and a region, and checks limits", async () => {
        const { message } = await failureOf(
            () =>
                new GcpFunction("ingest", {
                    runtime: "nodejs20",
                    entryPoint: "",
                    sourceBucket: "",
                    memory: "lots",
                    timeoutSeconds: 900,
                    eventTrigger: {
                        eventType: "google.cloud.pubsub.topic.v1.messagePublished",
                    },
                }),
            { config: { "gcp:project": "acme-prod" } },
        );
        for (const argument of [
            "entryPoint",
            "sourceBucket",
            "sourceObject",
            "region",
            "memory",
            "timeoutSeconds",
        ]) {
            assert.match(message, new RegExp(`\`${argument}\``), argument);
        }
        assert.match(message, /from 1 to 540 \(event-driven functions\)/);
    });

    it("rejects an environment variable set twice", async () => {
        const { message } = await problemsOf(
            baseArgs({
                environment: { STORE_URL: "x" },
                grants: [
                    { name: "store", access: "run:invoke", resource: "s", url: "https://store" },
                ],
            }),
        );
        assert.match(message, /'STORE_URL' is set more than once/);
    });
});
