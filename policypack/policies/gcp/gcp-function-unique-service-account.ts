import { defineStackPolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";
import { globMatch } from "../../lib/glob";
import { functionIdentities, functionsText, isDefaultIdentityKey } from "../../lib/gcp/identities";

interface Config {
    readonly allowedSharedServiceAccounts: string[];
}

export const gcpFunctionUniqueServiceAccount = defineStackPolicy<Config>({
    name: "gcp-function-unique-service-account",
    description:
        "Checks that each service account that a Cloud Function or Cloud Run service runs as serves that one function only.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Give each function its own service account: `GcpFunction` creates one per function unless " +
        "`existingServiceAccountEmail` is given; do not pass the same account to two functions.",
    cloud: "gcp",
    services: ["cloudfunctions", "cloudrun", "iam"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.3", "pci-dss:7.2"],
    config: {
        allowedSharedServiceAccounts: {
            type: "array",
            items: { type: "string" },
            description:
                "Service account emails (globs with * and ?) that several functions may share on purpose.",
            default: [],
        },
    },
    validate: ({ resources }, report, config) => {
        for (const identity of functionIdentities(resources).values()) {
            // Default accounts are gcp-function-dedicated-service-account's finding, not this one's.
            if (identity.functions.length < 2 || isDefaultIdentityKey(identity.key)) {
                continue;
            }
            if (config.allowedSharedServiceAccounts.some((g) => globMatch(g, identity.label))) {
                continue;
            }
            for (const fn of identity.functions) {
                const others = identity.functions.filter((f) => f !== fn);
                report({
                    resource: fn,
                    message: `${describeResource(fn.type, fn.name)} runs as ${identity.label}, which ${functionsText(others)} also run${others.length === 1 ? "s" : ""} as`,
                    key: { kind: "ServiceAccount", value: identity.label },
                });
            }
        }
    },
});
