/**
 * docs/rules.md: every policy of the pack, grouped by cloud, from the explicit list in
 * policypack/policies.ts.
 */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { CLOUDS } from "../../policypack/lib/compliance";
import { EXEMPTIONS_CONFIG_PROPERTY as COMMON_EXEMPTIONS_PROPERTY } from "../../policypack/lib/exemptions";
import {
    byKey,
    code,
    codeList,
    generatedNotice,
    jsonValue,
    prose,
    Slugger,
    table,
} from "./markdown";
import { CLOUD_TITLES, controlHeading, controlLabel, type PolicyInfo } from "./policy-info";

/** `string`, `list of string`, with the allowed values when the schema names them. */
export function schemaType(schema: PolicyConfigJSONSchema): string {
    const type = Array.isArray(schema.type) ? schema.type.join(" or ") : (schema.type ?? "any");
    const values = schema.enum ? ` (one of ${codeList(schema.enum.map((v) => jsonValue(v)))})` : "";
    if (type === "array") {
        const items =
            schema.items && !Array.isArray(schema.items) && typeof schema.items === "object"
                ? schemaType(schema.items)
                : code("any");
        return `list of ${items}${values}`;
    }
    return `${code(type)}${values}`;
}

function configTable(properties: PolicyInfo["config"]): string {
    return table(
        ["Property", "Type", "Default", "Description"],
        properties.map(({ name, schema }) => [
            code(name),
            schemaType(schema),
            schema.default === undefined ? "none" : code(jsonValue(schema.default)),
            prose(schema.description ?? ""),
        ]),
    );
}

/**
 * How Deny statements and conditions count, decided once (policypack/lib/aws/deny.ts,
 * policypack/lib/aws/conditions.ts) for the rules and the graph.
 */
const HOW_DENY_COUNTS: readonly string[] = [
    "## How Deny and conditions count",
    "",
    "An explicit Deny wins over any Allow. Perimeter applies Deny in one place for every rule and for " +
        "the identity graph, so a rule and the graph never disagree about what an identity may do:",
    "",
    "- Only an **unconditional** Deny takes an action back for certain. A Deny with a `Condition` " +
        "applies to some requests only, so the Allow is still reported (and the graph notes " +
        '"unless denied when ...").',
    "- A Deny with `Resource` takes an Allow back where its patterns contain the Allow's resource. A " +
        "Deny with `NotResource` takes back everything except the resources it spares: an Allow on `*` " +
        "shrinks to the spared patterns, an Allow inside a spared pattern is untouched, and one outside " +
        "every spared pattern is gone. Where the patterns overlap in a way that cannot be decided, the " +
        "Allow is kept and reported rather than hidden.",
    "- **Document rules** (the resource policies that judge one policy document, such as " +
        "[aws-iam-no-credentials-exposure](#aws-iam-no-credentials-exposure) or " +
        "[aws-iam-passrole-scoped](#aws-iam-passrole-scoped)) judge the document alone. An Allow that " +
        "the same document takes back entirely is not reported, since the document grants none of it " +
        "wherever it is attached. An Allow that only another policy of the same role takes back is " +
        "still reported on its document, because the document can be attached to other identities too.",
    "- **Identity rules** (the stack policies, such as " +
        "[aws-iam-no-privilege-escalation](#aws-iam-no-privilege-escalation), and the identity graph) " +
        "judge what one role may do, so every Deny of every policy attached to that role counts.",
    "- A statement whose **condition can never hold** again grants nothing: a `DateLessThan` or " +
        "`DateLessThanEquals` on `aws:CurrentTime`, `aws:EpochTime` or `aws:TokenIssueTime` whose " +
        "every value is already past. Such an Allow is reported by no rule and absent from the graph. " +
        "Every other condition is kept as written and shown in findings and in the graph.",
    "- **Escalation is judged on resources.** An action completes an escalation method only on " +
        "resources where it can be the lever: a pattern that can name a resource of the type the " +
        "action acts on (its resource types in the Service Authorization Reference), and one a " +
        "customer can change. `iam:CreatePolicyVersion` allowed only on " +
        "`arn:aws:iam::aws:policy/*` (AWS managed policies, which no customer can change) or " +
        "`iam:PassRole` allowed only on a bucket opens no path; the finding names the resources each " +
        "action is allowed on. The identity graph marks privilege escalation the same way. Any " +
        "customer resource of the right type still counts, even one that is not the identity's own " +
        "role or policy: the identity may reach it through another path (a role it can pass or " +
        "assume, a function it can invoke), so leaving it out could hide a real path.",
    "- **Azure deny assignments** (`azure-native:authorization:DenyAssignment`) take back what they " +
        "certainly block from a function identity's role assignments, for " +
        "[azure-role-assignment-no-privileged-roles](#azure-role-assignment-no-privileged-roles) and " +
        "the graph alike (policypack/lib/azure/deny-assignments.ts): `denyAssignmentEffect` " +
        "`enforced` (an `audit` deny only logs, and the API's default is not documented, so an absent " +
        "effect is not counted); no `condition`; a scope that is the assignment's or, unless " +
        "`doNotApplyToChildScopes`, above it; the identity among `principals` by its principal ID, or " +
        "everyone (the zero GUID, `SystemDefined`), and no `excludePrincipals` entry that could be it. " +
        "A role assignment above the deny's scope keeps granting elsewhere and is not reduced. While " +
        "an identity's principal ID is unknown in preview, only a deny on everyone with no exclusion " +
        "counts. A finding that remains names the deny it read; a pattern is taken back whole only by " +
        "a deny block that excludes nothing.",
    "- **Google Cloud deny policies are not read yet.** IAM deny policies " +
        "(`gcp:iam/denyPolicy:DenyPolicy`) name permissions in the v2 format " +
        '(`SERVICE_FQDN/RESOURCE.ACTION`), which Google maps to the v1 names only "typically" ' +
        "(https://cloud.google.com/iam/docs/deny-permissions-support); the exceptions are in a table " +
        "that could not be read here, and the provider's own example " +
        "(`cloudresourcemanager.googleapis.com/projects.update`, v1 `resourcemanager.projects.update`) " +
        "is one. A deny can only take access back, so a grant it cancels is still reported: a finding " +
        "too many, never one too few.",
    "",
];

/**
 * Why the default levels are what they are, compared with the checkers users hold us to. Prose kept
 * here, next to the generator, because it explains the levels the table below lists.
 */
const DEFAULT_LEVELS: readonly string[] = [
    "## Default levels",
    "",
    "A mandatory finding fails `pulumi preview` and `pulumi up`, and `perimeter` exits 1 on it by " +
        "default; an advisory one is a warning. A policy is mandatory when what it finds gives a " +
        "function, or anyone, power that no least-privilege design needs: administrator access, " +
        "escalation paths, public invokers, identities shared between functions, Tier-0 and basic " +
        "roles, keys. The rest are advisory, so a team can adopt the pack without a flag day and raise " +
        'levels per policy (`"all": "mandatory"` raises them all).',
    "",
    "Compared with the checkers users know, out of the box:",
    "",
    "- A whole service allowed on every resource (`s3:*` on `*`) fails by default, as it does in " +
        "cdk-nag's AwsSolutions pack (IAM5, registered at the error level) and in Checkov " +
        "(CKV_AWS_355, `*` as the resource of actions that support resource-level permissions). It has its own mandatory policy, " +
        "[aws-iam-no-full-service-access](#aws-iam-no-full-service-access), because a CrossGuard " +
        "policy has one level: the same wildcard on named resources, and prefix wildcards such as " +
        "`s3:Put*`, stay with the advisory [aws-iam-no-service-wildcards](#aws-iam-no-service-wildcards). " +
        "Until this change all three were advisory.",
    "- `*` on `*` and an Allow with `NotAction` were already mandatory " +
        "([aws-iam-no-admin-access](#aws-iam-no-admin-access)), as in cdk-nag (IAM5) and Checkov " +
        "(CKV_AWS_1, CKV_AWS_62).",
    "- Azure: privileged (Tier-0) roles for function identities, shared identities, missing managed " +
        "identities, storage keys in settings and wildcard custom roles are mandatory; Checkov's " +
        "closest checks (CKV_AZURE_39 on custom roles, CKV_AZURE_70 family on App Service settings) " +
        "fail too. HTTPS-only, basic publishing credentials, Key Vault RBAC and diagnostics are " +
        "hardening that does not widen what an identity may do, and stay advisory.",
    "- Google Cloud: basic roles, impersonation roles at project level, escalation permissions, " +
        "public invokers, default and shared service accounts and service-account keys are mandatory, " +
        "as Checkov fails CKV_GCP_41/44/45/49, CKV_GCP_107 and CKV_GCP_115-117. Ingress, resource-level " +
        "placement of grants, authoritative project policies, build accounts and audit logs stay " +
        "advisory.",
    "",
];

function commonConfiguration(): string[] {
    const items = COMMON_EXEMPTIONS_PROPERTY.items;
    const item =
        items && !Array.isArray(items) && typeof items === "object" ? items : { properties: {} };
    const required = new Set(item.required ?? []);
    const rows = Object.entries(item.properties ?? {}).map(([name, schema]) => {
        const property = schema as PolicyConfigJSONSchema;
        return [
            code(name),
            schemaType(property),
            required.has(name) ? "yes" : "no",
            prose(property.description ?? ""),
        ];
    });
    return [
        "## Configuration every policy accepts",
        "",
        `Pack config uses the JSON format of ${code("pulumi policy enable --config")} and ` +
            `${code("pulumi preview --policy-pack-config")}: ${code('"all"')} sets the enforcement ` +
            `level of every policy, and each policy takes an ${code("enforcementLevel")} ` +
            `(${codeList(["advisory", "mandatory", "disabled"])}) and the properties listed with it ` +
            "below. An example is in the README's " +
            "[Use the pack in CI](../README.md#use-the-pack-in-ci).",
        "",
        `Every policy also accepts ${code("exemptions")} (${schemaType(COMMON_EXEMPTIONS_PROPERTY)}, ` +
            `default ${code(jsonValue(COMMON_EXEMPTIONS_PROPERTY.default))}). ` +
            prose(COMMON_EXEMPTIONS_PROPERTY.description ?? ""),
        "",
        table(["Item property", "Type", "Required", "Description"], rows),
        "",
    ];
}

function kind(policy: PolicyInfo): string {
    if (policy.resourceTypes === undefined) {
        return "stack policy: judges the whole stack at once";
    }
    return `resource policy on ${codeList(policy.resourceTypes)}`;
}

function policySection(policy: PolicyInfo, slugger: Slugger, controlAnchors: Anchors): string[] {
    if (slugger.slug(policy.name) !== policy.name) {
        throw new Error(`the heading of policy ${policy.name} would not be anchored by its name`);
    }
    const controls = policy.controls.map(
        (c) => `[${controlLabel(c)}](compliance.md#${controlAnchors(c)})`,
    );
    return [
        `### ${policy.name}`,
        "",
        prose(policy.description),
        "",
        `- Severity: ${policy.severity}`,
        `- Default enforcement level: ${policy.enforcementLevel}`,
        `- Kind: ${kind(policy)}`,
        `- Compliance controls: ${controls.length > 0 ? controls.join(", ") : "none"}`,
        `- Tags: ${codeList(policy.tags)}`,
        "",
        "Configuration:",
        "",
        policy.config.length === 0
            ? `No properties besides the common ${code("enforcementLevel")} and ${code("exemptions")}.`
            : configTable(policy.config),
        "",
        `Remediation: ${prose(policy.remediationSteps)}`,
        "",
    ];
}

type Anchors = (control: PolicyInfo["controls"][number]) => string;

/** The anchor of a control's heading in docs/compliance.md. */
export function controlAnchor(control: PolicyInfo["controls"][number]): string {
    return new Slugger().slug(controlHeading(control));
}

export function rulesDocument(policies: readonly PolicyInfo[]): string {
    const slugger = new Slugger();
    const clouds = CLOUDS.map((cloud) => ({
        cloud,
        title: CLOUD_TITLES[cloud],
        policies: policies.filter((p) => p.cloud === cloud).sort(byKey((p) => p.name)),
    })).filter((group) => group.policies.length > 0);
    const count = (test: (p: PolicyInfo) => boolean): number => policies.filter(test).length;

    const lines = [
        generatedNotice("policypack/policies.ts"),
        "",
        "# Policy rules",
        "",
        `The CrossGuard pack ${code("perimeter-serverless-iam")} holds ${policies.length} policies: ` +
            `${count((p) => p.resourceTypes !== undefined)} resource policies (one resource at a ` +
            `time) and ${count((p) => p.resourceTypes === undefined)} stack policies (the whole ` +
            `stack), ${count((p) => p.enforcementLevel === "mandatory")} mandatory and ` +
            `${count((p) => p.enforcementLevel === "advisory")} advisory by default. ` +
            "The controls each policy supports are listed by framework in " +
            "[compliance.md](compliance.md); the access levels the components grant are in " +
            "[grants.md](grants.md).",
        "",
        "## Contents",
        "",
        `- [Configuration every policy accepts](#${slugger.slug("Configuration every policy accepts")})`,
        `- [Default levels](#${slugger.slug("Default levels")})`,
        `- [How Deny and conditions count](#${slugger.slug("How Deny and conditions count")})`,
    ];
    const anchors = new Map(clouds.map((g) => [g.cloud, slugger.slug(g.title)]));
    for (const group of clouds) {
        lines.push(
            `- [${group.title}](#${anchors.get(group.cloud)}): ${group.policies.length} policies`,
        );
    }
    lines.push("", ...commonConfiguration(), ...DEFAULT_LEVELS, ...HOW_DENY_COUNTS);
    for (const group of clouds) {
        lines.push(
            `## ${group.title}`,
            "",
            table(
                ["Policy", "Severity", "Default level", "Kind"],
                group.policies.map((p) => [
                    `[${p.name}](#${p.name})`,
                    p.severity,
                    p.enforcementLevel,
                    p.resourceTypes === undefined ? "stack" : "resource",
                ]),
            ),
            "",
        );
        for (const policy of group.policies) {
            lines.push(...policySection(policy, slugger, controlAnchor));
        }
    }
    return lines.join("\n");
}
