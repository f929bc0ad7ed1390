/**
 * The AWS part of docs/grants.md: every entry of AWS_ACCESS_TABLE, planned by the component's own
 * planner over placeholder targets, and the runtime statements and trust policy of every function role.
 */
import {
    AWS_ACCESS_TABLE,
    type AwsAccessEntry,
    excessActions,
    grantedActions,
    neededActions,
} from "../../components/aws/grants";
import { runtimeStatements, trustPolicy } from "../../components/aws/identity";
import { type AwsPolicyStatement, planAwsGrants } from "../../components/aws/plan";
import { byKey, code, codeList, prose, type Slugger, table } from "./markdown";

const ARN = "<arn>";
const PREFIX = "<prefix>";
const LOCATION = { partition: "<partition>", region: "<region>", account: "<account>" };

function statementRows(entry: AwsAccessEntry): string[][] {
    const plan = planAwsGrants(
        [
            {
                name: "grant",
                access: entry.access,
                resource: ARN,
                ...(entry.acceptsPrefix ? { prefix: PREFIX } : {}),
            },
        ],
        LOCATION,
    );
    return plan.permissions.map((p) => [
        codeList(p.actions),
        codeList(p.resources),
        p.conditions.length === 0
            ? "none"
            : p.conditions
                  .map((c) => code(`${c.test} ${c.variable} ${c.values.join(", ")}`))
                  .join(", "),
    ]);
}

function entrySection(entry: AwsAccessEntry): string[] {
    return [
        `### ${code(entry.access)}`,
        "",
        prose(entry.summary),
        "",
        `- ${code("resource")}: ${prose(entry.resourceDescription)}`,
        `- ${code("prefix")}: ${entry.acceptsPrefix ? "accepted" : "not accepted"}`,
        `- Condition keys for ${code("conditions.custom")}, besides the global ${code("aws:")} keys: ` +
            codeList(entry.conditionKeys),
        "",
        table(["Actions", "Resources", "Condition"], statementRows(entry)),
        "",
        "What it is for, and what each job needs (each row is proven under an IAM policy simulator " +
            "against the policy the component generates, in `test/components/aws/proof.test.ts`):",
        "",
        table(
            ["Operation", "Needs", "Source"],
            entry.operations.map((o) => [
                prose(o.job),
                o.needs.map((n) => `${code(n.action)} on ${code(n.resource)}`).join(", "),
                `[AWS](${o.source})`,
            ]),
        ),
        "",
        `Granted ${grantedActions(entry).length} actions, needed ${neededActions(entry).length}; ` +
            `excess: ${excessActions(entry).length === 0 ? "none" : codeList(excessActions(entry))}.`,
        "",
    ];
}

function statementsTable(statements: readonly AwsPolicyStatement[]): string {
    return table(
        ["Actions", "Resources"],
        statements.map((s) => [codeList(s.Action), codeList(s.Resource)]),
    );
}

/** The statements present with a feature on and absent with it off. */
function featureOnly(feature: "vpc" | "tracing"): AwsPolicyStatement[] {
    const base = new Set(
        runtimeStatements("<log-group-arn>", { vpc: false, tracing: false }).map((s) =>
            JSON.stringify(s),
        ),
    );
    return runtimeStatements("<log-group-arn>", {
        vpc: feature === "vpc",
        tracing: feature === "tracing",
    }).filter((s) => !base.has(JSON.stringify(s)));
}

function baseline(): string[] {
    const trust = JSON.stringify(
        JSON.parse(trustPolicy(LOCATION, "<function-name>", true)),
        null,
        4,
    );
    return [
        "### Every function role",
        "",
        `Written by ${code("runtimeStatements")} and ${code("trustPolicy")} in ` +
            `${code("components/aws/identity.ts")}. Always, on the function's own log group:`,
        "",
        statementsTable(runtimeStatements("<log-group-arn>", { vpc: false, tracing: false })),
        "",
        `With ${code("vpc")}:`,
        "",
        statementsTable(featureOnly("vpc")),
        "",
        `With ${code("tracing: true")}:`,
        "",
        statementsTable(featureOnly("tracing")),
        "",
        `The trust policy, with ${code("trustOnlyThisFunction: true")} (without it, the ` +
            `${code("aws:SourceArn")} condition is left out):`,
        "",
        "```json",
        trust,
        "```",
        "",
    ];
}

export function awsSection(slugger: Slugger): string[] {
    const entries = [...AWS_ACCESS_TABLE].sort(byKey((e) => e.access));
    slugger.slug("AWS");
    const anchors = entries.map((e) => slugger.slug(e.access));
    const lines = [
        "## AWS",
        "",
        `Table: ${code("AWS_ACCESS_TABLE")} in ${code("components/aws/grants/index.ts")}, one file per ` +
            `service in ${code("components/aws/grants/")}. A grant adds these Allow statements to the ` +
            "function role's grant policy. Below, `<arn>` is the ARN the grant's `resource` names and " +
            "`<prefix>` its `prefix`; without a prefix, `<prefix>` is empty and the prefix condition is " +
            "left out. Statements of several grants are merged (see [aws.md](aws.md#grants)).",
        "",
        table(
            ["Access", "Allows", "Granted", "Excess"],
            entries.map((e, i) => [
                `[${code(e.access)}](#${anchors[i]})`,
                prose(e.summary),
                String(grantedActions(e).length),
                excessActions(e).length === 0 ? "none" : codeList(excessActions(e)),
            ]),
        ),
        "",
    ];
    for (const entry of entries) {
        lines.push(...entrySection(entry));
    }
    slugger.slug("Every function role");
    lines.push(...baseline());
    return lines;
}
