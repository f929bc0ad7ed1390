/**
 * The GCP part of docs/grants.md: every entry of GCP_ACCESS_TABLE, planned by the component's own
 * planner over placeholder targets (so the member type, target and any fixed condition are the ones a
 * deployment gets), with the jobs it is for, what they need, the role's full permission list and the
 * excess (components/gcp/grants/operations.ts, scripts/gcp-role-coverage.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { GCP_ACCESS_TABLE, GCP_TARGETS, type GcpAccessEntry } from "../../components/gcp/grants";
import { type PlannedMember, planGcpGrants } from "../../components/gcp/plan";
import { gcpLevelCoverage } from "../gcp-role-coverage";
import { byKey, code, codeList, prose, type Slugger, table } from "./markdown";

const CONTEXT = { member: "serviceAccount:<function-account>", project: "<project>" };

/** A plain value planned through pulumi.Input; resolves without a deployment. */
function resolved(value: pulumi.Input<string>): Promise<string> {
    return new Promise((resolve) => {
        pulumi.output(value).apply((v) => {
            resolve(v);
            return v;
        });
    });
}

function plan(entry: GcpAccessEntry): PlannedMember {
    const [member] = planGcpGrants(
        [{ name: "grant", access: entry.access, resource: "<resource>" }],
        CONTEXT,
    );
    if (member === undefined) {
        throw new Error(`no IAM member planned for '${entry.access}'`);
    }
    return member;
}

async function entrySection(entry: GcpAccessEntry): Promise<string[]> {
    const member = plan(entry);
    const target = GCP_TARGETS[entry.target];
    const lines = [
        `### ${code(entry.access)}`,
        "",
        prose(entry.summary),
        "",
        `- Role: ${code(member.role)}`,
        `- Target: ${target.noun}; the grant's ${code("resource")} is ${prose(entry.resourceHint)}`,
        `- Created as: ${code(member.memberType)} on ${code(await resolved(member.resource))}, ` +
            `member ${code(await resolved(member.member))}`,
        `- IAM Conditions (${code("conditions")}): ` +
            (target.acceptsConditions ? "accepted" : "not accepted (the target takes none)"),
        `- Data Access audit logs: ${code(target.auditService)}`,
    ];
    if (member.condition) {
        lines.push(
            `- Always with the condition "${prose(member.condition.title)}": ` +
                code(await resolved(member.condition.expression)),
        );
    }
    const coverage = gcpLevelCoverage(entry);
    lines.push(
        "",
        table(
            ["Job", "Needs", "Source"],
            entry.operations.map((o) => [
                prose(o.job),
                codeList(o.needs),
                `[Google Cloud](${o.source})`,
            ]),
        ),
        "",
        `Permissions of ${code(entry.role)} (${entry.permissions.length}): ` +
            `${codeList([...entry.permissions].sort())}.`,
        "",
        `Excess (what ${code(entry.role)} grants beyond these jobs, pinned by ` +
            `${code("test/components/gcp/needs.test.ts")}): ` +
            (coverage.excess.length === 0 ? "none" : codeList(coverage.excess)) +
            ".",
        "",
    );
    return lines;
}

export async function gcpSection(slugger: Slugger): Promise<string[]> {
    const entries = [...GCP_ACCESS_TABLE].sort(byKey((e) => e.access));
    slugger.slug("Google Cloud");
    const anchors = entries.map((e) => slugger.slug(e.access));
    const lines = [
        "## Google Cloud",
        "",
        `Table: ${code("GCP_ACCESS_TABLE")} in ${code("components/gcp/grants/index.ts")}, one file per ` +
            `service in ${code("components/gcp/grants/")}; targets in ${code("GCP_TARGETS")}. Each grant ` +
            "is one additive IAM member, never an authoritative binding or policy. Below, " +
            "`<resource>` is the grant's `resource` and `<function-account>` the function's service " +
            "account. Prefix and condition helpers: [gcp.md](gcp.md#conditions); the roles every " +
            "function's account gets besides its grants: " +
            "[gcp.md](gcp.md#a-function-with-its-own-identity).",
        "",
        table(
            ["Access", "Role", "Target", "Needed / granted"],
            entries.map((e, i) => [
                `[${code(e.access)}](#${anchors[i]})`,
                code(e.role),
                GCP_TARGETS[e.target].noun,
                `${gcpLevelCoverage(e).needed.length} / ${e.permissions.length}`,
            ]),
        ),
        "",
    ];
    for (const entry of entries) {
        lines.push(...(await entrySection(entry)));
    }
    return lines;
}
