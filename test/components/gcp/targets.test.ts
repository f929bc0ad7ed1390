/**
 * A grant's resource, checked as a literal before anything is created and again once an Output
 * resolves: never a wildcard, always the form its target kind takes.
 */
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { GcpFunction, type GcpGrant } from "../../../components/gcp";
import { failureOf } from "../harness";
import { baseArgs, CONFIG, FUNCTION, runGcp, TOPIC_MEMBER } from "./fixtures";

const withGrant = (grant: GcpGrant) => () =>
    new GcpFunction("ingest", baseArgs({ grants: [grant] }));

describe("GcpFunction grant targets", () => {
    it("refuses a literal wildcard resource or prefix, and a literal of another kind, before creating anything", async () => {
        const { message, resources } = await failureOf(
            () =>
                new GcpFunction(
                    "ingest",
                    baseArgs({
                        grants: [
                            { name: "all", access: "storage:read", resource: "*" },
                            {
                                name: "any",
                                access: "storage:read",
                                resource: "uploads",
                                prefix: "*",
                            },
                            {
                                name: "out",
                                access: "pubsub:publish",
                                resource: "projects/acme-prod/secrets/token",
                            },
                        ],
                    }),
                ),
            { config: CONFIG },
        );
        assert.match(
            message,
            /`grants\[0\]\.resource` '\*' is a wildcard; a grant names one resource: the bucket name/,
        );
        assert.match(message, /`grants\[1\]\.prefix` '\*' has a '\*': a prefix is literal/);
        assert.match(
            message,
            /`grants\[2\]\.resource` 'projects\/acme-prod\/secrets\/token' is not the topic ID/,
        );
        assert.equal(resources.filter((r) => r.custom).length, 0);
    });

    it("fails the update when an Output resolves to a wildcard or to another kind of resource", async () => {
        for (const [access, value, wanted] of [
            ["storage:read", "*", /is a wildcard/],
            ["pubsub:publish", "projects/acme-prod/subscriptions/in", /is not the topic ID/],
            ["secretmanager:read", "gs://bucket/token", /is not the secret ID/],
        ] as const) {
            const { message } = await failureOf(
                withGrant({ name: "data", access, resource: pulumi.output(value) }),
                { config: CONFIG },
            );
            assert.match(
                message,
                new RegExp(
                    `GcpFunction 'ingest' has a problem with its arguments once its targets are known:\\n  - \`grants\` 'data' \\(${access}\\): the resource`,
                ),
            );
            assert.match(message, wanted);
        }
    });

    it("accepts full names and short IDs", async () => {
        const run = await runGcp(
            withGrant({
                name: "out",
                access: "pubsub:publish",
                resource: pulumi.output("projects/acme-prod/topics/out"),
            }),
        );
        assert.equal(
            run.named(TOPIC_MEMBER, "ingest-grant-out").inputs.topic,
            "projects/acme-prod/topics/out",
        );
    });
});

describe("GcpFunction calling an internal-only function", () => {
    it("refuses a caller with no path through the VPC, and accepts one whose connector carries all traffic", async () => {
        // Cloud Run, "Restrict network ingress": calls from Cloud Run or Cloud Functions count as
        // internal only when they go through the VPC network.
        const { message } = await failureOf(
            () => {
                const store = new GcpFunction("store", baseArgs());
                return new GcpFunction(
                    "worker",
                    baseArgs({ grants: [store.invokeGrant("store")] }),
                );
            },
            { config: CONFIG },
        );
        assert.match(
            message,
            /GcpFunction 'worker' has 1 problem .*\n  - `grants\[0\]` 'store' calls a function whose ingress is ALLOW_INTERNAL_ONLY: .*`vpcConnector` with `vpcConnectorEgress: "ALL_TRAFFIC"`/,
        );
        const run = await runGcp(() => {
            const store = new GcpFunction("store", baseArgs());
            return new GcpFunction(
                "worker",
                baseArgs({
                    vpcConnector: "projects/acme-prod/locations/europe-west1/connectors/calls",
                    vpcConnectorEgress: "ALL_TRAFFIC",
                    grants: [store.invokeGrant("store")],
                }),
            );
        });
        assert.ok(run.resources.some((r) => r.name === "worker-grant-store"));
    });

    it("accepts Direct VPC egress with all traffic, and refuses it with private ranges only", async () => {
        const caller = (egress: string) => () => {
            const store = new GcpFunction("store", baseArgs());
            return new GcpFunction(
                "worker",
                baseArgs({
                    directVpc: {
                        network: "default",
                        subnetwork: "calls",
                        tags: ["worker"],
                        egress,
                    },
                    grants: [store.invokeGrant("store")],
                }),
            );
        };
        const run = await runGcp(caller("ALL_TRAFFIC"));
        const config = run.named(FUNCTION, "worker").inputs.serviceConfig as Record<
            string,
            unknown
        >;
        assert.deepEqual(config.directVpcNetworkInterfaces, [
            { network: "default", subnetwork: "calls", tags: ["worker"] },
        ]);
        assert.equal(config.directVpcEgress, "VPC_EGRESS_ALL_TRAFFIC");
        assert.equal(config.vpcConnector, undefined);
        const { message } = await failureOf(caller("PRIVATE_RANGES_ONLY"), { config: CONFIG });
        assert.match(
            message,
            /'store' calls a function whose ingress is ALLOW_INTERNAL_ONLY: .*`directVpc: \{ network, egress: "ALL_TRAFFIC" \}`/,
        );
    });

    it("checks directVpc: one way out, a network or subnetwork, a known egress", async () => {
        const { message, resources } = await failureOf(
            () =>
                new GcpFunction(
                    "worker",
                    baseArgs({
                        vpcConnector: "projects/acme-prod/locations/europe-west1/connectors/calls",
                        directVpc: { egress: "EVERYTHING" },
                    }),
                ),
            { config: CONFIG },
        );
        assert.match(message, /has 3 problems/);
        assert.match(message, /`directVpc` and `vpcConnector` are both given/);
        assert.match(message, /`directVpc` needs a `network` or a `subnetwork`/);
        assert.match(
            message,
            /`directVpc.egress` 'EVERYTHING' is not one of PRIVATE_RANGES_ONLY, ALL_TRAFFIC/,
        );
        assert.equal(resources.filter((r) => r.custom).length, 0);
    });
});
