import * as assert from "assert";
import { gcpFunctionInternalCalleeReachable as policy } from "../../../../policypack/policies/gcp/gcp-function-internal-callee-reachable";
import { UNKNOWN } from "../../harness";
import {
    fnWithAccount,
    invoker,
    REGION,
    type GraphStackResource,
} from "../../lib/graph/gcp-fixtures";
import { account, emailOf, projectMember, runGcpStack, runService } from "./fixtures";

/** `fnWithAccount`, with extra `serviceConfig` settings on the function. */
function fnWith(name: string, serviceConfig: Record<string, unknown>): GraphStackResource[] {
    const [acct, fn] = fnWithAccount(name);
    const props = fn!.props;
    return [
        acct!,
        {
            ...fn!,
            props: {
                ...props,
                serviceConfig: { ...(props.serviceConfig as object), ...serviceConfig },
            },
        },
    ];
}

const CONNECTOR = `projects/shop-prod/locations/${REGION}/connectors/calls`;

describe("gcp-function-internal-callee-reachable", () => {
    it("reports a caller whose traffic does not go through the VPC, on the caller, once per callee", async () => {
        const run = await runGcpStack(policy, [
            ...fnWithAccount("api"),
            ...fnWithAccount("worker"),
            invoker("api", "worker"),
        ]);
        assert.deepStrictEqual(run.on, ["api"]);
        assert.deepStrictEqual(run.messages, [
            "gcp:cloudfunctionsv2/function:Function 'api' may invoke gcp:cloudfunctionsv2/function:Function 'worker', whose ingress is ALLOW_INTERNAL_ONLY, but its traffic does not all leave through the VPC (Direct VPC egress or a connector with ALL_TRAFFIC), so its calls arrive as external and are refused [Callee::worker]",
        ]);
    });

    it("passes a caller with a connector or Direct VPC egress carrying all traffic", async () => {
        for (const egress of [
            { vpcConnector: CONNECTOR, vpcConnectorEgressSettings: "ALL_TRAFFIC" },
            {
                directVpcNetworkInterfaces: [{ network: "default" }],
                directVpcEgress: "VPC_EGRESS_ALL_TRAFFIC",
            },
        ]) {
            const run = await runGcpStack(policy, [
                ...fnWith("api", egress),
                ...fnWithAccount("worker"),
                invoker("api", "worker"),
            ]);
            assert.deepStrictEqual(run.messages, [], JSON.stringify(egress));
        }
    });

    it("reports private-ranges-only egress, and a setting with no network behind it", async () => {
        for (const egress of [
            { vpcConnector: CONNECTOR, vpcConnectorEgressSettings: "PRIVATE_RANGES_ONLY" },
            { directVpcNetworkInterfaces: [{ network: "default" }] },
            { directVpcEgress: "VPC_EGRESS_ALL_TRAFFIC" },
        ]) {
            const run = await runGcpStack(policy, [
                ...fnWith("api", egress),
                ...fnWithAccount("worker"),
                invoker("api", "worker"),
            ]);
            assert.deepStrictEqual(run.on, ["api"], JSON.stringify(egress));
        }
    });

    it("leaves callees that accept external traffic, and identities that are no function's", async () => {
        const run = await runGcpStack(policy, [
            ...fnWithAccount("api"),
            ...fnWith("worker", { ingressSettings: "ALLOW_ALL" }),
            invoker("api", "worker"),
            account("scheduler"),
            invoker("scheduler", "api"),
        ]);
        assert.deepStrictEqual(run.messages, []);
    });

    it("reads project-level invokers and Cloud Run v2 callers and callees", async () => {
        const caller = runService("edge", emailOf("edge"));
        const callee = runService("store", emailOf("store"));
        const run = await runGcpStack(policy, [
            account("edge"),
            caller,
            account("store"),
            callee,
            projectMember("edge-run", "roles/run.invoker", `serviceAccount:${emailOf("edge")}`),
        ]);
        assert.deepStrictEqual(run.on, ["edge"]);
        assert.match(run.messages[0] ?? "", /whose ingress is INGRESS_TRAFFIC_INTERNAL_ONLY/);

        const throughVpc = {
            ...caller,
            props: {
                ...caller.props,
                template: {
                    serviceAccount: emailOf("edge"),
                    vpcAccess: { connector: CONNECTOR, egress: "ALL_TRAFFIC" },
                },
            },
        };
        const passed = await runGcpStack(policy, [
            account("edge"),
            throughVpc,
            account("store"),
            callee,
            projectMember("edge-run", "roles/run.invoker", `serviceAccount:${emailOf("edge")}`),
        ]);
        assert.deepStrictEqual(passed.messages, []);
    });

    it("does not guess while the caller's egress is unknown in preview", async () => {
        const run = await runGcpStack(policy, [
            ...fnWith("api", { vpcConnector: UNKNOWN, vpcConnectorEgressSettings: "ALL_TRAFFIC" }),
            ...fnWithAccount("worker"),
            invoker("api", "worker"),
        ]);
        assert.deepStrictEqual(run.messages, []);
        assert.strictEqual(run.unknown, undefined);
    });

    it("says it does not apply to a stack without GCP functions", async () => {
        await assert.rejects(
            runGcpStack(policy, [account("a")]),
            /not applicable: the stack has no Cloud Functions or Cloud Run services/,
        );
    });
});
