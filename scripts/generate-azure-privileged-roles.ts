/**
 * Writes policypack/data/azure-privileged-roles.json: every Azure built-in role whose actions reach a
 * Tier-0 capability (assign roles, act as another identity, list keys, read publishing credentials, run
 * code elsewhere, ...), with the reasons. Derived from the MIT role dataset in ../shared/data by the same
 * classifier the pack runs on custom roles (policypack/lib/azure/role-permissions.ts), never copied from
 * a list.
 *
 * Run after refreshing ../shared/data/azure-builtin-roles.json:
 *   npx ts-node --transpile-only scripts/generate-azure-privileged-roles.ts
 */
import * as fs from "fs";
import * as path from "path";
import {
    describePrivilege,
    type PermissionBlock,
    privilegesOf,
} from "../policypack/lib/azure/role-permissions";
import { packDataPath, sharedDataDir } from "./repository";

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
export function azurePrivilegedRolesPath(): string {
    return packDataPath("azure-privileged-roles.json");
}

function blocksOf(role: BuiltinRole): readonly PermissionBlock[] {
    return role.permissionBlocks ?? [role];
}

/** Builds the file text; deterministic (sorted by GUID, no timestamps) so it can be checked in. */
export function buildAzurePrivilegedRoles(datasetPath: string = azureBuiltinRolesPath()): string {
    const dataset = JSON.parse(fs.readFileSync(datasetPath, "utf8")) as RoleDataset;
    const roles = [...dataset.items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const lines: string[] = [];
    for (const role of roles) {
        const privileges = privilegesOf(blocksOf(role));
        if (privileges.length > 0) {
            const entry = { name: role.roleName, reasons: privileges.map(describePrivilege) };
            lines.push(`    ${JSON.stringify(role.id.toLowerCase())}: ${JSON.stringify(entry)}`);
        }
    }
    const { repo, path: file, commit, license } = dataset.source;
    const header = {
        source: { repo, path: file, commit, license },
        derivation:
            "built-in roles whose actions reach a capability in policypack/lib/azure/role-permissions.ts",
        builtinRoles: dataset.items.length,
    };
    const headerLines = Object.entries(header).map(
        ([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`,
    );
    return ["{", ...headerLines, '  "roles": {', lines.join(",\n"), "  }", "}", ""].join("\n");
}

if (require.main === module) {
    const target = azurePrivilegedRolesPath();
    fs.writeFileSync(target, buildAzurePrivilegedRoles());
    console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
