/**
 * Project-level GCP grants in call chains: the graph names resource-level targets with their project
 * (from the IAM resource or the resource it is on), so a caller's project-level role covers what a
 * callee holds on a bucket or secret of that project, and nothing of another project.
 */
import { strict as assert } from "assert";
import { buildIdentityGraph } from "../../../../policypack/lib/graph/build";
import { callChains, DEFAULT_CHAIN_CATEGORIES } from "../../../../policypack/lib/graph/chains";
import { emailOf, PROJECT, projectMember } from "../../policies/gcp/fixtures";
import {
    fnWithAccount,
    type GraphStackResource,
    graphResources,
    invoker,
    secretAccessor,
} from "./gcp-fixtures";

const BUCKET_MEMBER = "gcp:storage/bucketIAMMember:BucketIAMMember";

/** `fn` reads objects of `bucket` (a bucket of the stack in `project`), named by dependency. */
function bucketReader(fn: string, bucket: string, project: string): GraphStackResource[] {
    return [
        { type: "gcp:storage/bucket:Bucket", name: bucket, props: { name: bucket, project } },
        {
            type: BUCKET_MEMBER,
            name: `${fn}-reads-${bucket}`,
            props: {
                bucket,
                role: "roles/storage.objectViewer",
                member: `serviceAccount:${emailOf(fn)}`,
            },
            dependsOn: { bucket: [bucket] },
        },
    ];
}

function borrowed(resources: readonly GraphStackResource[]): string[] {
    const graph = buildIdentityGraph(graphResources(resources));
    const label = (id: string) => graph.nodeById.get(id)?.label;
    return callChains(graph, DEFAULT_CHAIN_CATEGORIES).flatMap((chain) =>
        chain.borrowed.map(
            (p) =>
                `${label(chain.callerId)}->${label(chain.targetId)}: ${p.action} on ${p.resource}`,
        ),
    );
}

const CALL = [...fnWithAccount("api"), ...fnWithAccount("reader"), invoker("api", "reader")];

describe("GCP project-level grants in call chains", () => {
    it("names a bucket's permissions with the bucket's project", () => {
        assert.deepEqual(borrowed([...CALL, ...bucketReader("reader", "uploads", PROJECT)]), [
            `api->reader: storage.objects.get on bucket uploads in projects/${PROJECT}`,
        ]);
    });

    it("lets the caller's project-level role cover the callee's bucket and secret", () => {
        const holdsProject = [
            projectMember(
                "api-views",
                "roles/storage.objectViewer",
                `serviceAccount:${emailOf("api")}`,
            ),
            projectMember(
                "api-secrets",
                "roles/secretmanager.secretAccessor",
                `serviceAccount:${emailOf("api")}`,
            ),
        ];
        const callee = [
            ...bucketReader("reader", "uploads", PROJECT),
            secretAccessor("reader", "db"),
        ];
        assert.deepEqual(borrowed([...CALL, ...callee, ...holdsProject]), []);
    });

    it("does not let it cover a bucket of another project, or another permission", () => {
        const holdsProject = projectMember(
            "api-creates",
            "roles/storage.objectCreator",
            `serviceAccount:${emailOf("api")}`,
        );
        const viewsOther = projectMember(
            "api-views",
            "roles/storage.objectViewer",
            `serviceAccount:${emailOf("api")}`,
        );
        assert.deepEqual(
            borrowed([...CALL, ...bucketReader("reader", "logs", "other"), viewsOther]),
            ["api->reader: storage.objects.get on bucket logs in projects/other"],
        );
        assert.deepEqual(
            borrowed([...CALL, ...bucketReader("reader", "logs", PROJECT), holdsProject]),
            [`api->reader: storage.objects.get on bucket logs in projects/${PROJECT}`],
        );
    });

    it("knows the risky permissions of every predefined role granted at project level", () => {
        // roles/storage.admin is not among the fully listed roles; its data exfiltration is known.
        const admin = projectMember(
            "api-admin",
            "roles/storage.admin",
            `serviceAccount:${emailOf("api")}`,
        );
        assert.deepEqual(
            borrowed([...CALL, ...bucketReader("reader", "uploads", PROJECT), admin]),
            [],
        );
    });
});
