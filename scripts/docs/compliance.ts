/**
 * docs/compliance.md: the pack's policies by framework control, from each policy's tags and the
 * control vocabulary in policypack/lib/compliance.ts.
 */
import {
    CLOUDS,
    COMPLIANCE_CONTROLS,
    type ComplianceControl,
    frameworkOf,
} from "../../policypack/lib/compliance";
import { byKey, code, generatedNotice, Slugger, table } from "./markdown";
import { CLOUD_TITLES, controlHeading, controlLabel, type PolicyInfo } from "./policy-info";
import { controlAnchor } from "./rules";

interface Framework {
    readonly title: string;
    readonly controls: ComplianceControl[];
}

/** Frameworks in the order the vocabulary first names them, each with its controls. */
function frameworks(): Framework[] {
    const result: Framework[] = [];
    for (const control of COMPLIANCE_CONTROLS) {
        const { name, version } = frameworkOf(control);
        const title =
            version === undefined || version === "current" ? name : `${name} (${version})`;
        const found = result.find((f) => f.title === title);
        if (found) {
            found.controls.push(control);
        } else {
            result.push({ title, controls: [control] });
        }
    }
    return result;
}

const cloudOrder = (p: PolicyInfo): string => `${CLOUDS.indexOf(p.cloud)}:${p.name}`;

function isPrimary(policy: PolicyInfo, control: ComplianceControl): boolean {
    return policy.controls[0] === control;
}

export function complianceDocument(policies: readonly PolicyInfo[]): string {
    const slugger = new Slugger();
    const groups = frameworks();
    const supporting = (control: ComplianceControl): PolicyInfo[] =>
        policies.filter((p) => p.controls.includes(control)).sort(byKey(cloudOrder));

    const lines = [
        generatedNotice("the tags of the policies in policypack/policies.ts"),
        "",
        "# Compliance controls",
        "",
        "Each policy's tags name the framework controls it supports (the vocabulary is " +
            `${code("policypack/lib/compliance.ts")}); its first control is the framework ` +
            "reference Pulumi Cloud shows for it, marked primary below. A policy supports a " +
            "control: passing it is evidence for the control, not the whole of it. Every finding in " +
            "`perimeter`'s JSON and SARIF reports carries its policy's tags. Details of every policy " +
            "are in " +
            "[rules.md](rules.md).",
        "",
        table(
            ["Framework", "Control", "Policies"],
            groups.flatMap((group) =>
                group.controls.map((control) => [
                    group.title,
                    `[${controlLabel(control)}](#${controlAnchor(control)})`,
                    String(supporting(control).length),
                ]),
            ),
        ),
        "",
    ];
    for (const group of groups) {
        slugger.slug(group.title);
        lines.push(`## ${group.title}`, "");
        for (const control of group.controls) {
            const heading = controlHeading(control);
            if (slugger.slug(heading) !== controlAnchor(control)) {
                throw new Error(`the heading '${heading}' is not anchored where rules.md links`);
            }
            const rows = supporting(control).map((p) => [
                `[${p.name}](rules.md#${p.name})`,
                CLOUD_TITLES[p.cloud],
                p.severity,
                p.enforcementLevel,
                isPrimary(p, control) ? "yes" : "no",
            ]);
            lines.push(
                `### ${heading}`,
                "",
                `Tag ${code(control)}.`,
                "",
                rows.length === 0
                    ? "No policy supports this control yet."
                    : table(["Policy", "Cloud", "Severity", "Default level", "Primary"], rows),
                "",
            );
        }
    }
    return lines.join("\n");
}
