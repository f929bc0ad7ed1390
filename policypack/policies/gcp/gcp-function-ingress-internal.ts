import { defineResourcePolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";
import { globMatch } from "../../lib/glob";
import {
    fieldPathText,
    GCP_FUNCTION_TYPES,
    ingressField,
    PUBLIC_LABEL,
    readField,
} from "../../lib/gcp/functions";

interface Config {
    readonly publicFunctions: string[];
}

/** Settings that keep internet traffic out (gen1/gen2 `ingressSettings`, Cloud Run v2 `ingress`). */
const INTERNAL = new Set([
    "ALLOW_INTERNAL_ONLY",
    "ALLOW_INTERNAL_AND_GCLB",
    "INGRESS_TRAFFIC_INTERNAL_ONLY",
    "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
]);

function declaredPublic(labels: unknown): boolean {
    return (
        typeof labels === "object" &&
        labels !== null &&
        (labels as Record<string, unknown>)[PUBLIC_LABEL] === "true"
    );
}

export const gcpFunctionIngressInternal = defineResourcePolicy<Config>({
    name: "gcp-function-ingress-internal",
    description:
        "Checks that Cloud Functions and Cloud Run services accept only internal (or internal and load balancer) traffic unless they are declared public.",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Leave `GcpFunction` ingress at its internal-only default. A function meant for the internet is " +
        `declared public with \`public: true\` on \`GcpFunction\`, the label '${PUBLIC_LABEL}: "true"', ` +
        "or its name in this policy's `publicFunctions` config.",
    cloud: "gcp",
    services: ["cloudfunctions", "cloudrun"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.1", "cis"],
    resourceTypes: GCP_FUNCTION_TYPES,
    config: {
        publicFunctions: {
            type: "array",
            items: { type: "string" },
            description:
                "Functions and services (resource names or URNs, globs with * and ?) that are meant to accept internet traffic.",
            default: [],
        },
    },
    validate: (resource, report, config) => {
        const field = ingressField(resource.type);
        if (field === undefined) {
            return;
        }
        const value = readField(resource.props, field);
        if (typeof value === "string" && INTERNAL.has(value)) {
            return;
        }
        const named = config.publicFunctions.some(
            (g) => globMatch(g, resource.name) || globMatch(g, resource.urn),
        );
        if (named || declaredPublic(resource.props["labels"])) {
            return;
        }
        const setting =
            typeof value === "string" && value !== ""
                ? `sets ${fieldPathText(field)} to '${value}'`
                : `sets no ${fieldPathText(field)}, which defaults to all traffic`;
        report({
            message: `${describeResource(resource.type, resource.name)} ${setting} and is not declared public`,
            key: {
                kind: "Ingress",
                value: typeof value === "string" && value !== "" ? value : "default",
            },
        });
    },
});
