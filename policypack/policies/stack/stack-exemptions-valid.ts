import { defineStackPolicy } from "../../lib/define-policy";
import { currentPolicyEnvironment } from "../../lib/environment";
import {
    type Exemption,
    expiryInstant,
    readExemption,
    takeExemptionConfigs,
} from "../../lib/exemptions";
import type { RuleFinding } from "../../lib/finding";
import { globMatch } from "../../lib/glob";
import type { StackResource } from "../../lib/stack/resource";

/** An empty list (the default) configures nothing; anything else is judged. */
function isConfigured(raw: unknown): boolean {
    return raw !== undefined && raw !== null && !(Array.isArray(raw) && raw.length === 0);
}

function namesSomeResource(exemption: Exemption, resources: readonly StackResource[]): boolean {
    return resources.some(
        (r) => globMatch(exemption.resource, r.urn) || globMatch(exemption.resource, r.name),
    );
}

/** Why a well-formed exemption is no longer right for this stack, or nothing. */
function staleReasons(
    exemption: Exemption,
    resources: readonly StackResource[],
    now: Date,
): string[] {
    const reasons: string[] = [];
    if (!namesSomeResource(exemption, resources)) {
        reasons.push("matches no resource of this stack by URN or name");
    }
    const until = exemption.expires === undefined ? undefined : expiryInstant(exemption.expires);
    if (until !== undefined && now >= until) {
        reasons.push(`expired on ${exemption.expires} and no longer applies`);
    }
    return reasons;
}

/** The findings on one policy's `exemptions` config value (whatever it holds). */
function judgePolicyExemptions(
    policy: string,
    raw: unknown,
    resources: readonly StackResource[],
    now: Date,
): RuleFinding[] {
    if (raw === undefined || raw === null) {
        return [];
    }
    if (!Array.isArray(raw)) {
        return [
            {
                message: `Policy '${policy}': 'exemptions' is ignored: it must be a list`,
                key: { kind: "Exemption", value: policy },
            },
        ];
    }
    return (raw as unknown[]).flatMap((item, index) => {
        const read = readExemption(item, index + 1);
        if (typeof read === "string") {
            const named = (item as { resource?: unknown } | null)?.resource;
            const glob = typeof named === "string" && named !== "" ? named : `#${index + 1}`;
            return [
                {
                    message: `Policy '${policy}': ${read}`,
                    key: { kind: "Exemption", value: `${policy}/${glob}` },
                },
            ];
        }
        const reasons = staleReasons(read, resources, now);
        if (reasons.length === 0) {
            return [];
        }
        const only = read.finding === undefined ? "" : ` (finding '${read.finding}')`;
        return [
            {
                message: `Policy '${policy}': the exemption for '${read.resource}'${only} ${reasons.join(" and ")}`,
                key: {
                    kind: "Exemption",
                    value: `${policy}/${read.resource}${read.finding === undefined ? "" : `/${read.finding}`}`,
                },
            },
        ];
    });
}

/**
 * Exemptions are per-policy config (`exemptions` of each policy), and a stack policy's `getConfig` sees
 * only its own. So every policy of this pack records the `exemptions` it reads (lib/exemptions.ts,
 * `recordExemptionConfig`), and this policy, the last of the pack, judges that record plus its own
 * config, then starts the record over. The SDK runs every resource policy during Analyze and every
 * stack policy, in list order, during AnalyzeStack, so by then the record is complete except for:
 * - a resource policy that judged no resource of this stack (none of its types is present) or is
 *   disabled: its exemptions are not seen (they hide nothing in this stack either);
 * - other policy packs, which run in other processes.
 * A pack process reused for another stack starts from an empty record only if this policy ran at the
 * end of the previous analysis.
 */
export const stackExemptionsValid = defineStackPolicy({
    name: "stack-exemptions-valid",
    description:
        "Checks that every configured exemption names a resource of the stack, gives a reason of at least 10 characters and has not expired.",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Edit the policy config (`pulumi policy enable --config` or `perimeter --policy-config`): " +
        "remove exemptions for resources that no longer exist, explain each exemption in " +
        "`reason` (at least 10 characters, e.g. a ticket), and renew or remove expired ones " +
        "(`expires: YYYY-MM-DD`).",
    cloud: "stack",
    services: ["exemptions"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.1"],
    config: {},
    validate: (args, report) => {
        const configs = takeExemptionConfigs();
        if (![...configs.values()].some(isConfigured)) {
            args.notApplicable("no policy has exemptions configured");
        }
        const now = currentPolicyEnvironment().now();
        for (const [policy, raw] of configs) {
            for (const finding of judgePolicyExemptions(policy, raw, args.resources, now)) {
                report(finding);
            }
        }
    },
});
