/**
 * Declared against granted access for functions built with `AwsFunction`: the components run under the
 * mock runtime, and the recorded stack is read the way the pack reads it in AnalyzeStack
 * (cli/graph/resources.ts: outputs behind the SDK's proxy, parents and property dependencies linked).
 */
import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { graphResourcesOf } from "../../../../cli/graph/resources";
import { AwsFunction, type AwsFunctionArgs } from "../../../../components/aws";
import { awsGraphPart } from "../../../../policypack/lib/graph/aws";
import type { GraphPart } from "../../../../policypack/lib/graph/model";
import { runComponents } from "../../../components/harness";

const zip: AwsFunctionArgs = {
    code: new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset("exports.handler = async () => 1;"),
    }),
    handler: "index.handler",
    runtime: "nodejs20.x",
};

/** api invokes worker; worker sends to a queue and, by a hand-written policy, may pass any role. */
function program(): void {
    const jobs = new aws.sqs.Queue("jobs");
    const worker = new AwsFunction("worker", {
        ...zip,
        grants: [{ name: "jobs", access: "sqs:send", resource: jobs.arn }],
    });
    new AwsFunction("api", {
        ...zip,
        grants: [{ name: "worker", access: "lambda:invoke", resource: worker }],
    });
    new aws.iam.RolePolicy("worker-extra", {
        role: worker.role?.name ?? "",
        policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }],
        }),
    });
}

async function graphOf(preview: boolean): Promise<GraphPart> {
    const recorded = await runComponents(program, { preview });
    return awsGraphPart(graphResourcesOf(recorded.resources));
}

function byLabel(part: GraphPart) {
    const labels = new Map(part.nodes.map((n) => [n.id, n.label]));
    return new Map(part.functions.map((f) => [labels.get(f.functionId) ?? f.functionId, f]));
}

describe("the AWS identity graph on AwsFunction stacks", function () {
    it("compares what each component declared with what its role is granted", async function () {
        const functions = byLabel(await graphOf(false));
        // Its own log streams (2) and lambda:InvokeFunction on the worker and its qualifiers (2).
        assert.deepEqual(functions.get("api")?.declared, { declared: 4, granted: 4, ratio: 1 });
        // Log streams (2) and sqs:send (2: SendMessage, GetQueueUrl), plus iam:PassRole on * that
        // nobody declared.
        assert.deepEqual(functions.get("worker")?.declared, {
            declared: 4,
            granted: 5,
            ratio: 1.25,
        });
        assert.equal(functions.get("worker")?.complete, true);
    });

    it("keeps the shape of the graph in preview, when documents and outputs are unknown", async function () {
        const part = await graphOf(true);
        const functions = byLabel(part);
        const api = functions.get("api");
        assert.equal(api?.complete, false);
        assert.equal(api?.declared, undefined);
        const invoke = part.edges.find((e) => e.kind === "can-invoke");
        assert.deepEqual(invoke && [invoke.from, invoke.to], [
            api?.identityIds[0],
            functions.get("worker")?.functionId,
        ]);
        // The hand-written document is known even in preview.
        assert.deepEqual(
            functions.get("worker")?.permissions.map((p) => `${p.action} on ${p.resource}`),
            ["iam:PassRole on *"],
        );
    });
});
