/**
 * The Azure part of docs/grants.md: every entry of AZURE_ACCESS_TABLE with its role, scopes and the
 * ABAC condition the component compiles for it, and the roles every function app gets on its host
 * storage.
 */
import { compileBlobCondition, CONDITION_VERSION } from "../../components/azure/conditions";
import { AZURE_ACCESS_TABLE, type AzureAccessEntry } from "../../components/azure/grants";
import type { GrantPlane } from "../../components/azure/grants";
import { HOST_QUEUE_ROLE, HOST_STORAGE_ROLES } from "../../components/azure/host-storage";
import { roleDefinitionId } from "../../components/azure/roles";
import { scopeProblem } from "../../components/azure/validate";
import { levelCoverage } from "../azure-role-coverage";
import { byKey, code, codeList, prose, type Slugger, table } from "./markdown";

/** How each plane's grant is created, as the component creates it. */
const PLANES: Readonly<Record<GrantPlane, string>> = {
    rbac: `an Azure RBAC role assignment (${code("azure-native:authorization:RoleAssignment")}) at the scope the grant's ${code("resource")} names`,
    cosmos: `a Cosmos DB data-plane SQL role assignment (${code("azure-native:cosmosdb:SqlResourceSqlRoleAssignment")}); the role definition ID is ${code("<account id>/sqlRoleDefinitions/<guid>")}`,
    "easy-auth": "no role: the callee's Easy Auth allow-list admits the caller's identity",
};

const BROAD_SCOPE_SAMPLES = [
    ["resource-group", "/subscriptions/<subscription>/resourceGroups/<group>"],
    ["subscription", "/subscriptions/<subscription>"],
] as const;

const STORAGE_ACCOUNT_SAMPLE =
    "/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<account>";

/** The level's own scopes; a whole storage account is one only with a container condition. */
function scopes(entry: AzureAccessEntry): string {
    return entry.scopes
        .map((scope) =>
            scope === "storage-account" &&
            scopeProblem(entry, { access: entry.access }, STORAGE_ACCOUNT_SAMPLE) !== undefined
                ? `${code(scope)} (only with ${code("blobConditions.inContainer(name)")} or ` +
                  `${code("allowBroadScope: true")})`
                : code(scope),
        )
        .join(", ");
}

/** The table's wider scopes, and the resource group and subscription when the validator accepts them. */
function broadScopes(entry: AzureAccessEntry): string[] {
    const accepted = BROAD_SCOPE_SAMPLES.filter(
        ([, id]) =>
            scopeProblem(entry, { access: entry.access, allowBroadScope: true }, id) === undefined,
    ).map(([kind]) => kind);
    return [...entry.broadScopes, ...accepted];
}

function roleLine(entry: AzureAccessEntry): string {
    if (entry.customRole) {
        return (
            `- Role: a custom role the component defines per function, ${code(`${entry.customRole.name} <function>-<hash>`)} ` +
            `(${code("azure-native:authorization:RoleDefinition")} ${code(`<name>-role-${entry.customRole.key}`)}), ` +
            `with exactly ${codeList(entry.customRole.dataActions)}, assignable only at the scopes of that function's grants of this level`
        );
    }
    if (!entry.role) {
        return "- Role: none";
    }
    const id =
        entry.plane === "rbac"
            ? `, role definition ID ${code(roleDefinitionId("<subscription>", entry.role))}`
            : "";
    return `- Role: ${entry.role.name}, GUID ${code(entry.role.guid)}${id}`;
}

function entrySection(entry: AzureAccessEntry): string[] {
    const writeOnly =
        entry.deniedActions && entry.deniedActions.length > 0
            ? compileBlobCondition(entry.dataActions ?? [], entry.deniedActions, [])
            : undefined;
    const lines = [
        `### ${code(entry.access)}`,
        "",
        `The identity can ${prose(entry.summary)}.`,
        "",
        roleLine(entry),
        `- Created as: ${PLANES[entry.plane]}`,
        `- Scope (the grant's ${code("resource")}): ${scopes(entry)}`,
        `- Wider scopes accepted with ${code("allowBroadScope: true")}: ` +
            codeList(broadScopes(entry)),
        `- ABAC conditions (${code("conditions")}): ${entry.conditions ? "accepted" : "not accepted"}`,
        ...(entry.dataActions
            ? [`- Data actions every condition constrains: ${codeList(entry.dataActions)}`]
            : []),
        `- Binding connection settings: ${entry.connection ? code(entry.connection) : "none"}`,
        "",
        ...operationsTable(entry),
    ];
    if (writeOnly !== undefined) {
        lines.push(
            `Every ${code(entry.access)} assignment carries this condition (version ` +
                `${CONDITION_VERSION}), which takes ${codeList(entry.deniedActions ?? [])} away ` +
                "from the role; conditions of the grant are added to it with AND:",
            "",
            "```text",
            writeOnly,
            "```",
            "",
        );
    }
    return lines;
}

/** The jobs the level is for with what they need, and what its role grants beyond them. */
function operationsTable(entry: AzureAccessEntry): string[] {
    const coverage = levelCoverage(entry);
    const lines = [
        table(
            ["Job", "Needs (any one line)", "Source"],
            entry.operations.map((o) => [
                prose(o.job),
                o.needs.length === 0
                    ? "no Azure role"
                    : o.needs.map((way) => codeList(way)).join("<br>"),
                `[Microsoft Learn](${o.source})`,
            ]),
        ),
        "",
    ];
    if (coverage !== undefined) {
        lines.push(
            `Excess (what ${coverage.role} grants beyond these jobs, pinned by ` +
                `${code("test/components/azure/needs.test.ts")}): ` +
                (coverage.excess.length === 0 ? "none" : codeList(coverage.excess)) +
                ".",
            "",
        );
        if (coverage.wildcards.length > 0) {
            lines.push(
                `Wildcards of the role (each grants every permission it matches, needed or not): ` +
                    `${codeList(coverage.wildcards)}.`,
                "",
            );
        }
    }
    return lines;
}

function baseline(): string[] {
    return [
        "### Every function app",
        "",
        `From ${code("HOST_STORAGE_ROLES")} in ${code("components/azure/host-storage.ts")}: the ` +
            "function's identity gets these roles on its host storage account only (identity-based " +
            `host storage; no account keys); the queue role only with a ${code("blob:trigger")} ` +
            `grant or ${code("hostQueues: true")}.`,
        "",
        table(
            ["Role", "GUID", "When"],
            [
                ...HOST_STORAGE_ROLES.map(({ role }) => [role.name, code(role.guid), "always"]),
                [
                    HOST_QUEUE_ROLE.role.name,
                    code(HOST_QUEUE_ROLE.role.guid),
                    `${code("blob:trigger")} or ${code("hostQueues: true")}`,
                ],
            ],
        ),
        "",
    ];
}

export function azureSection(slugger: Slugger): string[] {
    const entries = [...AZURE_ACCESS_TABLE].sort(byKey((e) => e.access));
    slugger.slug("Azure");
    const anchors = entries.map((e) => slugger.slug(e.access));
    const lines = [
        "## Azure",
        "",
        `Table: ${code("AZURE_ACCESS_TABLE")} in ${code("components/azure/grants/index.ts")}, one file ` +
            `per service in ${code("components/azure/grants/")}; roles by name and GUID in ` +
            `${code("components/azure/roles.ts")}. Condition helpers and scope rules: ` +
            "[azure.md](azure.md#access-levels).",
        "",
        table(
            ["Access", "Role", "The identity can"],
            entries.map((e, i) => [
                `[${code(e.access)}](#${anchors[i]})`,
                e.customRole ? `${e.customRole.name} (custom)` : (e.role?.name ?? "none"),
                prose(e.summary),
            ]),
        ),
        "",
    ];
    for (const entry of entries) {
        lines.push(...entrySection(entry));
    }
    slugger.slug("Every function app");
    lines.push(...baseline());
    return lines;
}
