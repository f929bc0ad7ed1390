import * as assert from "assert";
import { gcpIamNoImpersonationRoles as policy } from "../../../../policypack/policies/gcp/gcp-iam-no-impersonation-roles";
import { runStackPolicy, UNKNOWN } from "../../harness";
import {
    account,
    emailOf,
    gen2,
    PROJECT,
    policyData,
    projectMember,
    runGcpStack,
} from "./fixtures";

const FN = `serviceAccount:${emailOf("fn")}`;

describe("gcp-iam-no-impersonation-roles", () => {
    it("passes a function identity with ordinary roles, and impersonation roles of non-functions", async () => {
        const run = await runGcpStack(policy, [
            gen2("fn", emailOf("fn")),
            projectMember("logs", "roles/logging.logWriter", FN),
            projectMember(
                "deployer",
                "roles/iam.serviceAccountUser",
                `serviceAccount:${emailOf("ci")}`,
            ),
        ]);
        assert.deepStrictEqual(run.messages, []);
    });

    it("reports serviceAccountUser at project level for a function identity, saying why", async () => {
        const run = await runGcpStack(policy, [
            gen2("fn", emailOf("fn")),
            projectMember("act-as", "roles/iam.serviceAccountUser", FN),
        ]);
        assert.deepStrictEqual(run.messages, [
            `gcp:projects/iAMMember:IAMMember 'act-as' grants 'roles/iam.serviceAccountUser' at project level to function identity ${emailOf("fn")} (function 'fn'); the role on Checkov's impersonation list, holds iam.serviceAccounts.actAs [Role::roles/iam.serviceAccountUser]`,
        ]);
        assert.deepStrictEqual(run.on, ["act-as"]);
    });

    it("reports token creators in folder bindings, organization policies and on other service accounts", async () => {
        const run = await runGcpStack(policy, [
            gen2("fn", emailOf("fn")),
            {
                type: "gcp:folder/iAMBinding:IAMBinding",
                name: "folder",
                props: {
                    folder: "folders/1",
                    role: "roles/iam.serviceAccountTokenCreator",
                    members: [FN],
                },
            },
            {
                type: "gcp:organizations/iAMPolicy:IAMPolicy",
                name: "org",
                props: {
                    orgId: "1",
                    policyData: policyData({
                        role: "roles/iam.workloadIdentityUser",
                        members: [FN],
                    }),
                },
            },
            {
                type: "gcp:serviceaccount/iAMMember:IAMMember",
                name: "on-admin",
                props: {
                    serviceAccountId: `projects/${PROJECT}/serviceAccounts/${emailOf("admin")}`,
                    role: "roles/iam.serviceAccountTokenCreator",
                    member: FN,
                },
            },
            {
                type: "gcp:serviceaccount/iAMMember:IAMMember",
                name: "on-itself",
                props: {
                    serviceAccountId: `projects/${PROJECT}/serviceAccounts/${emailOf("fn")}`,
                    role: "roles/iam.serviceAccountUser",
                    member: FN,
                },
            },
        ]);
        assert.deepStrictEqual(run.on, ["folder", "org", "on-admin"]);
        assert.match(
            run.messages[1] ?? "",
            /binding 1 of policyData grants 'roles\/iam\.workloadIdentityUser' at organization level/,
        );
        assert.match(run.messages[2] ?? "", /on a service account to function identity/);
    });

    it("judges custom roles by their impersonation permissions", async () => {
        const run = await runGcpStack(policy, [
            gen2("fn", emailOf("fn")),
            {
                type: "gcp:projects/iAMCustomRole:IAMCustomRole",
                name: "signer",
                props: {
                    roleId: "signer",
                    permissions: ["iam.serviceAccounts.signJwt", "storage.objects.get"],
                },
            },
            projectMember("custom", `projects/${PROJECT}/roles/signer`, FN),
        ]);
        assert.deepStrictEqual(run.findingKeys, [
            `gcp-iam-no-impersonation-roles[Role::projects/${PROJECT}/roles/signer]`,
        ]);
        assert.match(run.messages[0] ?? "", /holds iam\.serviceAccounts\.signJwt/);
    });

    it("is not about stacks without functions", async () => {
        const run = await runGcpStack(policy, [
            projectMember("m", "roles/iam.serviceAccountUser", FN),
        ]);
        assert.deepStrictEqual(run.messages, []);
    });

    it("reports only the levels chosen in config", async () => {
        const resources = [
            gen2("fn", emailOf("fn")),
            {
                type: "gcp:serviceaccount/iAMMember:IAMMember",
                name: "on-admin",
                props: {
                    serviceAccountId: emailOf("admin"),
                    role: "roles/iam.serviceAccountUser",
                    member: FN,
                },
            },
        ];
        assert.strictEqual((await runGcpStack(policy, resources)).messages.length, 1);
        const run = await runGcpStack(policy, resources, {
            levels: ["organization", "folder", "project"],
        });
        assert.deepStrictEqual(run.messages, []);
    });

    it("hides an exempted grant and records it", async () => {
        const result = await runStackPolicy(
            policy,
            [
                gen2("fn", emailOf("fn")),
                projectMember("act-as", "roles/iam.serviceAccountUser", FN),
            ],
            {
                config: {
                    exemptions: [{ resource: "act-as", reason: "Deploys jobs, see SHOP-31" }],
                },
            },
        );
        assert.deepStrictEqual(result.violations, []);
        assert.strictEqual(result.exemptions.length, 1);
    });

    it("links the member through its dependency on the account while the email is unknown", async () => {
        const run = await runGcpStack(policy, [
            account("fn-sa", UNKNOWN),
            { ...gen2("fn", UNKNOWN), dependsOn: { serviceConfig: ["fn-sa"] } },
            {
                ...projectMember("act-as", "roles/iam.serviceAccountUser", UNKNOWN),
                dependsOn: { member: ["fn-sa"] },
            },
        ]);
        assert.strictEqual(run.unknown, undefined);
        assert.match(
            run.messages[0] ?? "",
            /to function identity service account 'fn-sa' \(function 'fn'\)/,
        );
    });

    it("cannot run during preview while a granted role is unknown", async () => {
        const run = await runGcpStack(policy, [
            gen2("fn", emailOf("fn")),
            projectMember("act-as", UNKNOWN, FN),
        ]);
        assert.match(run.unknown ?? "", /\.role can't be known during preview/);
    });
});
