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
    ];
    const anchors = new Map(clouds.map((g) => [g.cloud, slugger.slug(g.title)]));
    for (const group of clouds) {
        lines.push(
            `- [${group.title}](#${anchors.get(group.cloud)}): ${group.policies.length} policies`,
        );
    }
    lines.push("", ...commonConfiguration());
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
