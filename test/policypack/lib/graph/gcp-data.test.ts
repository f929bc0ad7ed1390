/**
 * The GCP graph's role data and robustness: the fully listed roles match the MIT role dataset in
 * ../shared/data, and no property bag, however odd or unknown, makes the graph throw.
 */
import { strict as assert } from "assert";
import fc from "fast-check";
import { GCP_IAM_RESOURCE_TYPES } from "../../../../policypack/lib/gcp/iam-resources";
import { buildIdentityGraph } from "../../../../policypack/lib/graph/build";
import { gcpGraphPart } from "../../../../policypack/lib/graph/gcp";
import { fullPermissionsOfRole } from "../../../../policypack/lib/gcp/role-risks";
import { FULLY_LISTED_ROLES } from "../../../../scripts/generate-gcp-role-risks";
import { gcpPredefinedRoles } from "../../../../scripts/gcp-predefined-roles";
import { UNKNOWN, UNKNOWN_ARRAY, UNKNOWN_OBJECT } from "../../harness";
import { fnWithAccount, graphResources, invoker, type GraphStackResource } from "./gcp-fixtures";

describe("GCP graph role data", () => {
    it("lists every permission of the fully listed roles, as the role dataset has them", () => {
        const byName = gcpPredefinedRoles();
        for (const role of FULLY_LISTED_ROLES) {
            const permissions = fullPermissionsOfRole(role) ?? [];
            assert.deepEqual(
                [...permissions],
                [...(byName.get(role)?.permissions ?? [])].sort(),
                role,
            );
        }
    });
});

describe("GCP identity graph robustness", () => {
    const types = [
        "gcp:cloudfunctions/function:Function",
        "gcp:cloudfunctionsv2/function:Function",
        "gcp:cloudrunv2/service:Service",
        "gcp:serviceaccount/account:Account",
        "gcp:projects/iAMCustomRole:IAMCustomRole",
        "perimeter:index:GcpFunction",
        ...GCP_IAM_RESOURCE_TYPES.map((t) => t.type),
    ];
    const value = fc.letrec<{ v: unknown }>((tie) => ({
        v: fc.oneof(
            { depthSize: "small" },
            fc.string({ maxLength: 10 }),
            fc.integer(),
            fc.constant(null),
            fc.constantFrom(UNKNOWN, UNKNOWN_ARRAY, UNKNOWN_OBJECT),
            fc.constantFrom(
                "allUsers",
                "serviceAccount:a@p.iam.gserviceaccount.com",
                "roles/owner",
            ),
            fc.array(tie("v"), { maxLength: 3 }),
            fc.dictionary(
                fc.constantFrom("role", "member", "members", "name", "email", "policyData", "x"),
                tie("v"),
                { maxKeys: 3 },
            ),
        ),
    })).v;
    const fields = [
        "role",
        "member",
        "members",
        "name",
        "serviceConfig",
        "template",
        "email",
        "project",
        "policyData",
        "permissions",
        "declaredAccess",
        "condition",
    ];
    const resource = fc.record({
        type: fc.constantFrom(...types),
        props: fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: 5 }),
        dependsOn: fc.dictionary(
            fc.constantFrom(...fields),
            fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 2 }),
            { maxKeys: 2 },
        ),
        parent: fc.option(fc.integer({ min: 0, max: 5 })),
    });

    it("never throws on any property bag, known or unknown", () => {
        fc.assert(
            fc.property(fc.array(resource, { minLength: 1, maxLength: 6 }), (drawn) => {
                const resources: GraphStackResource[] = drawn.map((r, i) => ({
                    type: r.type,
                    name: `r${i}`,
                    props: r.props,
                    dependsOn: Object.fromEntries(
                        Object.entries(r.dependsOn).map(([k, ids]) => [k, ids.map((n) => `r${n}`)]),
                    ),
                    ...(r.parent !== null ? { parentName: `r${r.parent}` } : {}),
                }));
                const part = gcpGraphPart(graphResources(resources));
                assert.ok(part.functions.length <= resources.length);
            }),
            { numRuns: 300 },
        );
    });

    it("reads a component's declared access and a custom role whose entries are unknown in preview", () => {
        // Found by the property above: touching an unknown entry threw through the SDK's proxy.
        const part = gcpGraphPart(
            graphResources([
                {
                    type: "perimeter:index:GcpFunction",
                    name: "c",
                    props: { declaredAccess: [UNKNOWN] },
                    dependsOn: {},
                },
                {
                    type: "gcp:cloudfunctions/function:Function",
                    name: "f",
                    props: {},
                    dependsOn: {},
                },
                {
                    type: "gcp:projects/iAMCustomRole:IAMCustomRole",
                    name: "r",
                    props: { roleId: "custom", permissions: ["storage.objects.get", UNKNOWN] },
                    dependsOn: {},
                },
            ]),
        );
        assert.ok(part.functions.length <= 1);
    });

    it("is merged into the identity graph of the stack", () => {
        const graph = buildIdentityGraph(
            graphResources([
                ...fnWithAccount("api"),
                ...fnWithAccount("worker"),
                invoker("api", "worker"),
            ]),
        );
        assert.ok(graph.edges.some((e) => e.kind === "can-invoke"));
        assert.equal(graph.functions.length, 2);
    });
});
