/**
 * IAM Conditions that confine a project-level grant to one resource (policypack/lib/gcp/conditions.ts):
 * read the same way by gcp-iam-resource-level-grants and by the identity graph.
 */
import { strict as assert } from "assert";
import { confinedResource } from "../../../../policypack/lib/gcp/conditions";
import { gcpGraphPart } from "../../../../policypack/lib/graph/gcp";
import { gcpIamResourceLevelGrants } from "../../../../policypack/policies/gcp/gcp-iam-resource-level-grants";
import { graphResources, type GraphStackResource } from "../graph/gcp-fixtures";
import { emailOf, gen2, projectMember, runGcpStack } from "../../policies/gcp/fixtures";

const FN = `serviceAccount:${emailOf("fn")}`;

function conditioned(expression: string): GraphStackResource {
    const member = projectMember("read", "roles/storage.objectViewer", FN);
    return {
        ...member,
        props: { ...member.props, condition: { title: "one bucket", expression } },
    };
}

describe("IAM Conditions that confine a grant to one resource", () => {
    it("reads a name, or a prefix that ends after one resource's name, in any && term", () => {
        assert.equal(
            confinedResource('resource.name.startsWith("projects/_/buckets/uploads/")'),
            "projects/_/buckets/uploads",
        );
        assert.equal(
            confinedResource('resource.name == "projects/shop-prod/topics/events"'),
            "projects/shop-prod/topics/events",
        );
        assert.equal(
            confinedResource(
                'resource.type == "storage.googleapis.com/Object" && (resource.name.startsWith("projects/_/buckets/b/objects/in/"))',
            ),
            "projects/_/buckets/b",
        );
    });

    it("confines to nothing with ||, a shared prefix, or another attribute", () => {
        for (const expression of [
            'resource.name.startsWith("projects/_/buckets/b")',
            'resource.name.startsWith("projects/_/buckets/")',
            'resource.name == "projects/_/buckets/a" || resource.name == "projects/_/buckets/b"',
            'resource.type == "storage.googleapis.com/Bucket"',
            'request.time < timestamp("2030-01-01T00:00:00Z")',
            'resource.name.startsWith("projects/_/buckets/b/',
        ]) {
            assert.equal(confinedResource(expression), undefined, expression);
        }
    });

    it("makes a confined project-level grant resource-level, for the rule and the graph", async () => {
        const fn = gen2("fn", emailOf("fn"));
        const confined = conditioned('resource.name.startsWith("projects/_/buckets/uploads/")');
        const rule = await runGcpStack(gcpIamResourceLevelGrants, [fn, confined]);
        assert.deepEqual(rule.messages, []);
        const part = gcpGraphPart(graphResources([fn, confined]));
        const resources = [
            ...new Set(part.functions.flatMap((f) => f.permissions.map((p) => p.resource))),
        ];
        assert.deepEqual(resources, ["projects/_/buckets/uploads"]);

        const open = conditioned('resource.name.startsWith("projects/_/buckets/")');
        const reported = await runGcpStack(gcpIamResourceLevelGrants, [fn, open]);
        assert.deepEqual(reported.findingKeys, [
            "gcp-iam-resource-level-grants[Role::roles/storage.objectViewer]",
        ]);
        const wide = gcpGraphPart(graphResources([fn, open]));
        assert.ok(
            wide.functions.some((f) =>
                f.permissions.some((p) => p.resource.startsWith("projects/shop-prod")),
            ),
        );
    });
});
