import * as assert from "assert";
import * as fs from "fs";
import {
    escalationMethodsIn,
    escalationMethodsOfRole,
    impersonationReasonsOfRole,
    isBasicRole,
    isInvokerRole,
    riskyPermissionsOfRole,
} from "../../../policypack/lib/gcp/role-risks";
import { isRiskyAlone } from "../../../policypack/lib/graph/gcp/permissions";
import { buildGcpRoleRisks, gcpRoleRisksPath } from "../../../scripts/generate-gcp-role-risks";
import { gcpPredefinedRoles } from "../../../scripts/gcp-predefined-roles";

function predefinedRoles(): Map<string, readonly string[]> {
    return new Map([...gcpPredefinedRoles()].map(([name, r]) => [name, r.permissions]));
}

describe("the GCP role risk data", () => {
    it("is exactly what the generator makes from ../shared/data", () => {
        assert.ok(
            fs.readFileSync(gcpRoleRisksPath(), "utf8") === buildGcpRoleRisks(),
            "policypack/data/gcp-role-risks.json is stale: run " +
                "`npx ts-node --transpile-only scripts/generate-gcp-role-risks.ts`",
        );
    });

    it("records the source, commit and licence of every input", () => {
        const data = JSON.parse(fs.readFileSync(gcpRoleRisksPath(), "utf8")) as {
            sources: { repo: string; commit: string; license: string }[];
        };
        assert.deepStrictEqual(
            data.sources.map((s) => [s.repo, s.license, /^[0-9a-f]{40}$/.test(s.commit)]),
            [
                ["iann0036/iam-dataset", "MIT", true],
                ["RhinoSecurityLabs/GCP-IAM-Privilege-Escalation", "BSD-3-Clause", true],
                ["bridgecrewio/checkov", "Apache-2.0", true],
            ],
        );
    });

    it("knows the basic, impersonation and invoker roles", () => {
        assert.deepStrictEqual(
            ["roles/owner", "roles/editor", "roles/viewer", "roles/browser"].map(isBasicRole),
            [true, true, true, false],
        );
        assert.deepStrictEqual(impersonationReasonsOfRole("roles/iam.serviceAccountTokenCreator"), [
            "on Checkov's impersonation list",
            "holds iam.serviceAccounts.getAccessToken",
            "holds iam.serviceAccounts.getOpenIdToken",
            "holds iam.serviceAccounts.implicitDelegation",
            "holds iam.serviceAccounts.signBlob",
            "holds iam.serviceAccounts.signJwt",
        ]);
        assert.strictEqual(impersonationReasonsOfRole("roles/storage.objectViewer"), undefined);
        assert.ok(
            isInvokerRole("roles/run.invoker") && isInvokerRole("roles/cloudfunctions.invoker"),
        );
        assert.ok(!isInvokerRole("roles/run.viewer"));
    });

    it("finds the same methods for a predefined role as its full permission list does", () => {
        const roles = predefinedRoles();
        for (const role of [
            "roles/owner",
            "roles/iam.roleAdmin",
            "roles/cloudfunctions.admin",
            "roles/iam.serviceAccountTokenCreator",
            "roles/storage.admin",
            "roles/run.invoker",
        ]) {
            const full = escalationMethodsIn(roles.get(role) ?? []).map((m) => m.method);
            assert.deepStrictEqual(
                escalationMethodsOfRole(role).map((m) => m.method),
                full,
                role,
            );
        }
        assert.ok(
            escalationMethodsOfRole("roles/iam.roleAdmin").some(
                (m) => m.method === "UpdateIAMRole",
            ),
        );
        assert.deepStrictEqual(escalationMethodsOfRole("roles/run.invoker"), []);
    });

    it("keeps every predefined role's permissions that are risky on their own, and only those", () => {
        let roles = 0;
        for (const [role, permissions] of predefinedRoles()) {
            const risky = [...permissions].filter(isRiskyAlone).sort();
            assert.deepStrictEqual([...riskyPermissionsOfRole(role)], risky, role);
            roles += risky.length > 0 ? 1 : 0;
        }
        assert.ok(roles > 300, `${roles} roles with risky permissions`);
        assert.deepStrictEqual(riskyPermissionsOfRole("roles/storage.admin").slice().sort(), [
            "storage.buckets.setIamPolicy",
            "storage.managedFolders.setIamPolicy",
            "storage.objects.get",
            "storage.objects.setIamPolicy",
        ]);
        assert.deepStrictEqual(riskyPermissionsOfRole("roles/run.invoker"), []);
        // The whole file stays small: well under the 6.8 MB role dataset.
        assert.ok(fs.statSync(gcpRoleRisksPath()).size < 100_000);
    });
});
