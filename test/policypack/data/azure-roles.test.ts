import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { lookupPrivilegedRole } from "../../../policypack/lib/azure/builtin-roles";
import {
    azureBuiltinRolesPath,
    azureRolesPath,
    buildAzureRoles,
} from "../../../scripts/generate-azure-roles";
import { ROLES } from "../policies/azure/fixtures";

interface Role {
    readonly id: string;
    readonly roleName: string;
}

const builtinPath = azureBuiltinRolesPath();
const builtin = JSON.parse(fs.readFileSync(builtinPath, "utf8")) as {
    source: { repo: string; commit: string; license: string };
    items: Role[];
};

/**
 * The Tier-0 roles of emiliensocchi/azure-tiering (GPL-3.0). Read from ../shared at test time as an
 * oracle only: nothing of it is shipped, copied or used to build the pack's data.
 */
function tierZeroOracle(): Role[] {
    const file = path.join(path.dirname(builtinPath), "azure-role-tiers.json");
    const tiers = JSON.parse(fs.readFileSync(file, "utf8")) as {
        items: (Role & { tier: number })[];
    };
    return tiers.items.filter((role) => role.tier === 0);
}

/**
 * Tier-0 roles of the oracle that the action classifier does not mark, and why that is accepted: their
 * actions reach no role or policy assignment, identity, credential, publishing or code-execution
 * operation. The oracle ranks them for paths specific to one service: Azure Virtual Desktop session
 * hosts and application groups (the users' desktops), and OpenAI deployments. Judging those needs
 * knowledge of what each service does with its own operations, which the pack does not model.
 */
const ACCEPTED_MISSES = new Map([
    [
        "86240b0e-9422-4c43-887b-b61143f32ba8",
        "Desktop Virtualization Application Group Contributor",
    ],
    ["082f0a83-3be5-4ba1-904c-961cca79b387", "Desktop Virtualization Contributor"],
    ["2ad6aaab-ead9-4eaa-8ac5-da422f562408", "Desktop Virtualization Session Host Operator"],
    ["a001fd3d-188f-4b5d-821b-7da978bf7442", "Cognitive Services OpenAI Contributor"],
]);

describe("the Azure privileged-role list", () => {
    it("is exactly what the generator makes from the built-in role dataset", () => {
        assert.ok(
            fs.readFileSync(azureRolesPath(), "utf8") === buildAzureRoles(),
            "policypack/data/azure-roles.json is stale: run " +
                "`npx ts-node --transpile-only scripts/generate-azure-roles.ts`",
        );
    });

    it("records the MIT source repository, commit and licence it was derived from", () => {
        const data = JSON.parse(fs.readFileSync(azureRolesPath(), "utf8")) as {
            source: Record<string, string>;
        };
        assert.deepStrictEqual(
            [data.source["repo"], data.source["commit"], data.source["license"]],
            [builtin.source.repo, builtin.source.commit, "MIT"],
        );
    });

    it("marks Owner, Contributor and User Access Administrator privileged, and why", () => {
        const expected: [string, string, RegExp][] = [
            [ROLES.owner, "Owner", /every resource provider \('\*'\)/],
            [ROLES.contributor, "Contributor", /managed identities .*through '\*'/],
            [ROLES.userAccessAdministrator, "User Access Administrator", /assign roles/],
        ];
        for (const [guid, name, reason] of expected) {
            const role = lookupPrivilegedRole(guid.toUpperCase());
            assert.strictEqual(role?.name, name);
            assert.ok(
                role.reasons.some((r) => reason.test(r)),
                `${name}: ${role.reasons.join(" | ")}`,
            );
        }
    });

    it("does not give Contributor the role assignment writes its notActions take away", () => {
        const reasons = lookupPrivilegedRole(ROLES.contributor)?.reasons ?? [];
        assert.ok(!reasons.some((r) => r.includes("roleAssignments/write")), reasons.join(" | "));
    });

    it("leaves the data roles that AzureFunction grants unprivileged", () => {
        const dataRoles = [
            "Storage Blob Data Reader",
            "Storage Blob Data Contributor",
            "Storage Blob Data Owner",
            "Storage Queue Data Message Sender",
            "Storage Queue Data Message Processor",
            "Storage Queue Data Contributor",
            "Storage Table Data Reader",
            "Storage Table Data Contributor",
            "Azure Service Bus Data Sender",
            "Azure Service Bus Data Receiver",
            "Azure Event Hubs Data Sender",
            "Azure Event Hubs Data Receiver",
            "Key Vault Secrets User",
            "Key Vault Crypto User",
        ];
        for (const name of dataRoles) {
            const role = builtin.items.find((r) => r.roleName === name);
            assert.ok(role !== undefined, `${name} is a built-in role`);
            assert.strictEqual(lookupPrivilegedRole(role.id), undefined, name);
        }
        assert.strictEqual(role(ROLES.storageBlobDataReader), "Storage Blob Data Reader");
    });

    it("marks every Tier-0 role of the oracle that exists in the dataset, except the accepted ones", () => {
        const known = new Set(builtin.items.map((r) => r.id));
        const missed = tierZeroOracle()
            .filter((r) => known.has(r.id) && lookupPrivilegedRole(r.id) === undefined)
            .map((r) => r.id);
        assert.deepStrictEqual(missed.sort(), [...ACCEPTED_MISSES.keys()].sort());
        for (const [guid, name] of ACCEPTED_MISSES) {
            assert.strictEqual(role(guid), name);
        }
    });
});

function role(guid: string): string | undefined {
    return builtin.items.find((r) => r.id === guid)?.roleName;
}
