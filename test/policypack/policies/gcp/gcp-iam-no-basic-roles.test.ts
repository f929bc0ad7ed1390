import * as assert from "assert";
import { gcpIamNoBasicRoles as policy } from "../../../../policypack/policies/gcp/gcp-iam-no-basic-roles";
import { runResourcePolicy, UNKNOWN, type HarnessOptions } from "../../harness";
import { policyData } from "./fixtures";

function judge(type: string, props: Record<string, unknown>, options?: HarnessOptions) {
    return runResourcePolicy(policy, { type, name: "grant", props }, options);
}

describe("gcp-iam-no-basic-roles", () => {
    it("passes predefined roles in every flavour", async () => {
        for (const [type, props] of [
            [
                "gcp:projects/iAMMember:IAMMember",
                { role: "roles/logging.logWriter", member: "user:a@b.c" },
            ],
            [
                "gcp:storage/bucketIAMBinding:BucketIAMBinding",
                { role: "roles/storage.objectViewer", members: ["user:a@b.c"] },
            ],
            [
                "gcp:organizations/iAMPolicy:IAMPolicy",
                { policyData: policyData({ role: "roles/browser", members: ["user:a@b.c"] }) },
            ],
        ] as const) {
            assert.deepStrictEqual((await judge(type, props)).violations, [], type);
        }
    });

    it("reports a basic role on a project member, naming the resource, the role and the member", async () => {
        const result = await judge("gcp:projects/iAMMember:IAMMember", {
            project: "shop-prod",
            role: "roles/editor",
            member: "serviceAccount:fn@shop-prod.iam.gserviceaccount.com",
        });
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "gcp:projects/iAMMember:IAMMember 'grant' grants the basic role 'roles/editor' on the project to 'serviceAccount:fn@shop-prod.iam.gserviceaccount.com' [Role::roles/editor]",
            ],
        );
    });

    it("reports basic roles in bindings at folder, service account and bucket level", async () => {
        for (const type of [
            "gcp:folder/iAMBinding:IAMBinding",
            "gcp:serviceaccount/iAMBinding:IAMBinding",
            "gcp:storage/bucketIAMBinding:BucketIAMBinding",
        ]) {
            const result = await judge(type, { role: "roles/owner", members: ["group:ops@b.c"] });
            assert.deepStrictEqual(
                result.violations.map((v) => v.findingKey),
                ["gcp-iam-no-basic-roles[Role::roles/owner]"],
                type,
            );
        }
    });

    it("reports each basic role of a policy once, saying which binding holds it", async () => {
        const result = await judge("gcp:projects/iAMPolicy:IAMPolicy", {
            policyData: policyData(
                { role: "roles/viewer", members: ["user:a@b.c"] },
                { role: "roles/run.invoker", members: ["user:a@b.c"] },
                { role: "roles/owner", members: ["user:a@b.c", "user:b@b.c"] },
            ),
        });
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "gcp:projects/iAMPolicy:IAMPolicy 'grant' binding 1 of policyData grants the basic role 'roles/viewer' on the project to 'user:a@b.c' [Role::roles/viewer]",
                "gcp:projects/iAMPolicy:IAMPolicy 'grant' binding 3 of policyData grants the basic role 'roles/owner' on the project to 'user:a@b.c', 'user:b@b.c' [Role::roles/owner]",
            ],
        );
    });

    it("reports a policy that cannot be parsed instead of passing it", async () => {
        const result = await judge("gcp:projects/iAMPolicy:IAMPolicy", {
            policyData: '{"bindings": [',
        });
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            ["gcp-iam-no-basic-roles[PolicyData::policyData]"],
        );
        assert.match(result.violations[0]?.message ?? "", /policyData is not valid JSON/);
    });

    it("is not applicable to resources that grant nothing", async () => {
        const result = await judge("gcp:storage/bucket:Bucket", { name: "b" });
        assert.match(result.notApplicable ?? "", /only applies/);
    });

    it("accepts members allowed in config and still reports the others", async () => {
        const props = { role: "roles/owner", members: ["group:break-glass@b.c", "user:x@b.c"] };
        const config = { allowedMembers: ["group:break-glass@*"] };
        const result = await judge("gcp:projects/iAMBinding:IAMBinding", props, { config });
        assert.match(result.violations[0]?.message ?? "", /to 'user:x@b\.c' \[/);
        const onlyAllowed = await judge(
            "gcp:projects/iAMBinding:IAMBinding",
            { ...props, members: ["group:break-glass@b.c"] },
            { config },
        );
        assert.deepStrictEqual(onlyAllowed.violations, []);
    });

    it("hides exactly the exempted role", async () => {
        const result = await judge(
            "gcp:projects/iAMPolicy:IAMPolicy",
            {
                policyData: policyData(
                    { role: "roles/viewer", members: ["user:a@b.c"] },
                    { role: "roles/editor", members: ["user:a@b.c"] },
                ),
            },
            {
                config: {
                    exemptions: [
                        {
                            resource: "grant",
                            reason: "Auditors read all, SEC-4",
                            finding: "Role::roles/viewer",
                        },
                    ],
                },
            },
        );
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            ["gcp-iam-no-basic-roles[Role::roles/editor]"],
        );
        assert.deepStrictEqual(
            result.exemptions.map((e) => e.findingKey),
            ["gcp-iam-no-basic-roles[Role::roles/viewer]"],
        );
    });

    it("reports a basic role whose member is unknown in preview, and cannot judge an unknown role", async () => {
        const known = await judge("gcp:projects/iAMMember:IAMMember", {
            role: "roles/editor",
            member: UNKNOWN,
        });
        assert.match(known.violations[0]?.message ?? "", /to members unknown during preview/);
        const unknown = await judge("gcp:projects/iAMMember:IAMMember", {
            role: UNKNOWN,
            member: "user:a@b.c",
        });
        assert.match(unknown.unknown ?? "", /\.role can't be known during preview/);
    });
});
