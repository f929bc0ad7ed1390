import * as assert from "assert";
import { gcpFunctionNotPublic as policy } from "../../../../policypack/policies/gcp/gcp-function-not-public";
import { runResourcePolicy, UNKNOWN, type HarnessOptions } from "../../harness";
import { emailOf, policyData } from "./fixtures";

function judge(type: string, props: Record<string, unknown>, options?: HarnessOptions) {
    return runResourcePolicy(policy, { type, name: "invokers", props }, options);
}

const RUN_MEMBER = "gcp:cloudrunv2/serviceIamMember:ServiceIamMember";

describe("gcp-function-not-public", () => {
    it("passes invoker grants to a calling function's identity", async () => {
        const result = await judge(RUN_MEMBER, {
            name: "callee",
            role: "roles/run.invoker",
            member: `serviceAccount:${emailOf("caller")}`,
        });
        assert.deepStrictEqual(result.violations, []);
    });

    it("reports allUsers as a Cloud Run invoker, naming the grant and the member", async () => {
        const result = await judge(RUN_MEMBER, {
            name: "callee",
            role: "roles/run.invoker",
            member: "allUsers",
        });
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "gcp:cloudrunv2/serviceIamMember:ServiceIamMember 'invokers' grants 'roles/run.invoker' on the Cloud Run service to 'allUsers': anyone can invoke it [Member::allUsers]",
            ],
        );
    });

    it("reports public invokers in function bindings, function policies and Cloud Run v1 policies", async () => {
        const cases: [string, Record<string, unknown>][] = [
            [
                "gcp:cloudfunctions/functionIamBinding:FunctionIamBinding",
                {
                    cloudFunction: "f",
                    role: "roles/cloudfunctions.invoker",
                    members: ["user:a@b.c", "allAuthenticatedUsers"],
                },
            ],
            [
                "gcp:cloudfunctionsv2/functionIamPolicy:FunctionIamPolicy",
                {
                    cloudFunction: "f",
                    policyData: policyData({
                        role: "roles/cloudfunctions.invoker",
                        members: ["allUsers"],
                    }),
                },
            ],
            [
                "gcp:cloudrun/iamPolicy:IamPolicy",
                {
                    service: "s",
                    policyData: policyData({
                        role: "roles/run.developer",
                        members: ["allUsers", "allAuthenticatedUsers"],
                    }),
                },
            ],
        ];
        const keys = [];
        for (const [type, props] of cases) {
            keys.push((await judge(type, props)).violations.map((v) => v.findingKey));
        }
        assert.deepStrictEqual(keys, [
            ["gcp-function-not-public[Member::allAuthenticatedUsers]"],
            ["gcp-function-not-public[Member::allUsers]"],
            [
                "gcp-function-not-public[Member::allUsers]",
                "gcp-function-not-public[Member::allAuthenticatedUsers]",
            ],
        ]);
    });

    it("reports a public invoker at project level, which every service inherits", async () => {
        const result = await judge("gcp:projects/iAMMember:IAMMember", {
            role: "roles/run.invoker",
            member: "allUsers",
        });
        assert.match(
            result.violations[0]?.message ?? "",
            /at project level, so on every function and service below it, to 'allUsers'/,
        );
    });

    it("reports a Cloud Run service that turns invoker IAM off", async () => {
        const result = await judge("gcp:cloudrunv2/service:Service", {
            invokerIamDisabled: true,
            template: {},
        });
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            ["gcp-function-not-public[Setting::invokerIamDisabled]"],
        );
    });

    it("passes public members on roles that cannot invoke, and is not about buckets", async () => {
        const viewer = await judge(RUN_MEMBER, { role: "roles/run.viewer", member: "allUsers" });
        assert.deepStrictEqual(viewer.violations, []);
        const bucket = await judge("gcp:storage/bucketIAMMember:BucketIAMMember", {
            role: "roles/storage.objectViewer",
            member: "allUsers",
        });
        assert.match(bucket.notApplicable ?? "", /only applies/);
    });

    it("treats custom roles named in config as invoker roles", async () => {
        const props = { role: "projects/p/roles/caller", member: "allUsers" };
        assert.deepStrictEqual((await judge(RUN_MEMBER, props)).violations, []);
        const result = await judge(RUN_MEMBER, props, {
            config: { additionalInvokerRoles: ["projects/p/roles/caller"] },
        });
        assert.strictEqual(result.violations.length, 1);
    });

    it("hides an exempted public function", async () => {
        const result = await judge(
            RUN_MEMBER,
            { role: "roles/run.invoker", member: "allUsers" },
            {
                config: {
                    exemptions: [{ resource: "invokers", reason: "Public webhook, SHOP-50" }],
                },
            },
        );
        assert.deepStrictEqual(result.violations, []);
        assert.deepStrictEqual(
            result.exemptions.map((e) => e.findingKey),
            ["gcp-function-not-public[Member::allUsers]"],
        );
    });

    it("cannot run during preview while binding members are unknown", async () => {
        const result = await judge("gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding", {
            role: "roles/run.invoker",
            members: ["allUsers", UNKNOWN],
        });
        assert.match(result.unknown ?? "", /can't be known during preview/);
    });
});
