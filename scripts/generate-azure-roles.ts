/**
 * Writes policypack/data/azure-roles.json, the pack's one table of Azure built-in roles, read by the
 * rules and by the identity graph (policypack/lib/azure/builtin-roles.ts):
 * - every built-in role whose actions reach a Tier-0 capability (assign roles, act as another identity,
 *   list keys, read publishing credentials, run code elsewhere, ...), with the reasons, derived by the
 *   same classifier the pack runs on custom roles (policypack/lib/azure/role-permissions.ts);
 * - every role Perimeter's components assign (components/azure/roles.ts) and a few common ones
 *   (KNOWN_ROLES);
 * each with its permission blocks exactly as the MIT dataset in ../shared/data has them. Never copied
 * by hand.
 *
 * Run after refreshing ../shared/data/azure-builtin-roles.json:
 *   npx ts-node --transpile-only scripts/generate-azure-roles.ts
 */
import * as fs from "fs";
import * as path from "path";
import {
    describePrivilege,
    type PermissionBlock,
    privilegesOf,
} from "../policypack/lib/azure/role-permissions";
import { ROLES } from "../components/azure/roles";
import { packDataPath, sharedDataDir } from "./repository";

/**
 * Built-in roles the identity graph reads exactly besides the privileged ones and the components'
 * own: roles people commonly give function identities.
 */
const KNOWN_ROLES: readonly string[] = [
    "acdd72a7-3385-48ef-bd42-f606fba81ae7", // Reader
    "21090545-7ca7-4776-b22c-e363652d74d2", // Key Vault Reader
    "b86a8fe4-44ce-4948-aee5-eccb2c155cd7", // Key Vault Secrets Officer
    "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher
];

interface BuiltinRole extends PermissionBlock {
    readonly id: string;
    readonly roleName: string;
    /** Present when the role has several blocks or ABAC conditions; the flat lists then overstate it. */
    readonly permissionBlocks?: readonly PermissionBlock[];
}

interface RoleDataset {
    readonly source: { repo: string; path: string; commit: string; license: string };
    readonly items: readonly BuiltinRole[];
}

/** ../shared/data/azure-builtin-roles.json next to the checkout. */
export function azureBuiltinRolesPath(): string {
    return path.join(sharedDataDir(), "azure-builtin-roles.json");
}

/** The checked-in data file in the source tree (found from sources or from a dist/ copy). */
export function azureRolesPath(): string {
    return packDataPath("azure-roles.json");
}

function blocksOf(role: BuiltinRole): readonly PermissionBlock[] {
    return role.permissionBlocks ?? [role];
}

/** Builds the file text; deterministic (sorted by GUID, no timestamps) so it can be checked in. */
export function buildAzureRoles(datasetPath: string = azureBuiltinRolesPath()): string {
    const dataset = JSON.parse(fs.readFileSync(datasetPath, "utf8")) as RoleDataset;
    const roles = [...dataset.items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const known = new Set([...Object.values(ROLES).map((r) => r.guid), ...KNOWN_ROLES]);
    const lines: string[] = [];
    for (const role of roles) {
        const blocks = blocksOf(role).map((b) => ({
            actions: b.actions,
            notActions: b.notActions,
            dataActions: b.dataActions,
            notDataActions: b.notDataActions,
        }));
        const privileges = privilegesOf(blocks);
        if (privileges.length > 0 || known.has(role.id.toLowerCase())) {
            const entry = {
                name: role.roleName,
                reasons: privileges.map(describePrivilege),
                blocks,
            };
            lines.push(`    ${JSON.stringify(role.id.toLowerCase())}: ${JSON.stringify(entry)}`);
        }
    }
    const { repo, path: file, commit, license } = dataset.source;
    const header = {
        source: { repo, path: file, commit, license },
        derivation:
            "built-in roles whose actions reach a capability in policypack/lib/azure/role-permissions.ts (reasons), and the roles components/azure/roles.ts assigns plus KNOWN_ROLES of scripts/generate-azure-roles.ts (no reasons); blocks as the dataset has them",
        builtinRoles: dataset.items.length,
    };
    const headerLines = Object.entries(header).map(
        ([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`,
    );
    return ["{", ...headerLines, '  "roles": {', lines.join(",\n"), "  }", "}", ""].join("\n");
}

if (require.main === module) {
    const target = azureRolesPath();
    fs.writeFileSync(target, buildAzureRoles());
    console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
