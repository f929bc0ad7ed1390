import * as assert from "assert";
import fc from "fast-check";
import { policyResourceTypes } from "../../../../policypack/lib/define-policy";
import { GCP_IAM_RESOURCE_TYPES } from "../../../../policypack/lib/gcp/iam-resources";
import { gcpPolicies } from "../../../../policypack/policies/gcp";
import {
    runResourcePolicy,
    runStackPolicy,
    UNKNOWN,
    UNKNOWN_ARRAY,
    UNKNOWN_OBJECT,
    type HarnessResult,
} from "../../harness";

const types = [
    ...new Set([
        ...gcpPolicies.flatMap((p) => [...(policyResourceTypes(p) ?? [])]),
        ...GCP_IAM_RESOURCE_TYPES.map((t) => t.type),
        "gcp:serviceaccount/account:Account",
        "gcp:projects/iAMCustomRole:IAMCustomRole",
        "gcp:projects/iAMAuditConfig:IAMAuditConfig",
    ]),
];

const unknown = fc.constantFrom(UNKNOWN, UNKNOWN_ARRAY, UNKNOWN_OBJECT);
const scalar = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
);
const anything = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
        { depthSize: "small" },
        scalar,
        unknown,
        fc.array(tie("value"), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 6 }), tie("value"), { maxKeys: 3 }),
    ),
})).value;
const member = fc.oneof(
    fc.constantFrom(
        "allUsers",
        "allAuthenticatedUsers",
        "serviceAccount:fn@p.iam.gserviceaccount.com",
    ),
    fc.constantFrom("serviceAccount:1-compute@developer.gserviceaccount.com", "user:a@b.c"),
    anything,
);
const role = fc.oneof(
    fc.constantFrom("roles/owner", "roles/run.invoker", "roles/iam.serviceAccountUser"),
    fc.constantFrom("roles/iam.roleAdmin", "projects/p/roles/fuzz", "roles/storage.admin"),
    anything,
);
const binding = fc.record(
    { role, members: fc.oneof(fc.array(member, { maxLength: 3 }), anything) },
    { requiredKeys: [] },
);
const policyData = fc.oneof(
    fc.array(binding, { maxLength: 3 }).map((bindings) => JSON.stringify({ bindings })),
    fc.string({ maxLength: 20 }),
    anything,
);
const email = fc.oneof(member, fc.constant("fn@p.iam.gserviceaccount.com"), anything);
const props = fc.record(
    {
        role,
        member,
        members: fc.oneof(fc.array(member, { maxLength: 3 }), anything),
        policyData,
        condition: anything,
        serviceAccountEmail: email,
        serviceAccountId: email,
        email,
        roleId: fc.oneof(fc.constant("fuzz"), anything),
        permissions: fc.oneof(
            fc.array(
                fc.constantFrom(
                    "iam.roles.update",
                    "iam.serviceAccounts.actAs",
                    "run.routes.invoke",
                ),
                { maxLength: 3 },
            ),
            anything,
        ),
        serviceConfig: fc.oneof(
            fc.record(
                { serviceAccountEmail: email, ingressSettings: anything },
                { requiredKeys: [] },
            ),
            anything,
        ),
        buildConfig: fc.oneof(fc.record({ serviceAccount: email }, { requiredKeys: [] }), anything),
        template: fc.oneof(fc.record({ serviceAccount: email }, { requiredKeys: [] }), anything),
        ingress: anything,
        ingressSettings: anything,
        invokerIamDisabled: anything,
        labels: fc.oneof(fc.constant({ "perimeter-public": "true" }), anything),
        service: anything,
        auditLogConfigs: anything,
    },
    { requiredKeys: [] },
);
const resource = fc.record({
    type: fc.constantFrom(...types),
    name: fc.constantFrom("a", "b", "c"),
    props,
});

function assertDocumented(result: HarnessResult): void {
    for (const v of result.violations) {
        assert.ok(v.findingKey !== undefined, `message without a finding key: ${v.message}`);
    }
    if (result.unknown !== undefined) {
        assert.match(result.unknown, /during preview/);
    }
}

describe("the GCP policies on any GCP-shaped property bag", () => {
    it("never throw, alone or in stacks of linked-looking resources", async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.array(resource, { minLength: 1, maxLength: 5 }),
                async (resources) => {
                    for (const policy of gcpPolicies) {
                        if ("validateStack" in policy) {
                            assertDocumented(await runStackPolicy(policy, resources));
                        } else {
                            for (const r of resources) {
                                assertDocumented(await runResourcePolicy(policy, r));
                            }
                        }
                    }
                },
            ),
            { numRuns: 150 },
        );
    });
});
