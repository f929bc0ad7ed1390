/**
 * Whether a function's calls to an internal-only function can arrive as internal traffic. Cloud Run,
 * "Restrict network ingress for Cloud Run" (https://cloud.google.com/run/docs/securing/ingress):
 * requests from other Cloud Run services or functions count as internal only when they are routed
 * through the VPC network, by Direct VPC egress or a Serverless VPC Access connector, with all traffic
 * sent there (egress `ALL_TRAFFIC`); otherwise they reach the service's public address and are refused.
 * Field names follow @pulumi/gcp 9: gen1 `vpcConnector*`, gen2 `serviceConfig.vpcConnector*` and
 * `serviceConfig.directVpc*`, Cloud Run v2 `template.vpcAccess`.
 */
import { readKnown } from "../known-value";
import {
    GCP_CLOUD_RUN_SERVICE,
    GCP_FUNCTION_GEN1,
    GCP_FUNCTION_GEN2,
    ingressField,
    readField,
} from "./functions";

/** Ingress settings that refuse external traffic (gen1/gen2 and Cloud Run v2 spellings). */
const INTERNAL_INGRESS = new Set([
    "ALLOW_INTERNAL_ONLY",
    "ALLOW_INTERNAL_AND_GCLB",
    "INGRESS_TRAFFIC_INTERNAL_ONLY",
    "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
]);

type Props = Readonly<Record<string, unknown>>;

function objectAt(props: Props, key: string): Props | undefined {
    const value = props[key];
    return typeof value === "object" && value !== null && !Array.isArray(value)
        ? (value as Props)
        : undefined;
}

function present(value: unknown): boolean {
    return (
        (typeof value === "string" && value !== "") || (Array.isArray(value) && value.length > 0)
    );
}

/** A function's internal-only ingress setting, or undefined when it accepts external traffic or is unknown. */
export function internalIngressOf(type: string, props: Props): string | undefined {
    const field = ingressField(type);
    if (field === undefined) {
        return undefined;
    }
    const value = readKnown(() => readField(props, field));
    return value.known && typeof value.value === "string" && INTERNAL_INGRESS.has(value.value)
        ? value.value
        : undefined;
}

function allTrafficThroughVpc(type: string, props: Props): boolean {
    switch (type) {
        case GCP_FUNCTION_GEN1:
            return (
                present(props["vpcConnector"]) &&
                props["vpcConnectorEgressSettings"] === "ALL_TRAFFIC"
            );
        case GCP_FUNCTION_GEN2: {
            const config = objectAt(props, "serviceConfig") ?? {};
            return (
                (present(config["vpcConnector"]) &&
                    config["vpcConnectorEgressSettings"] === "ALL_TRAFFIC") ||
                (present(config["directVpcNetworkInterfaces"]) &&
                    config["directVpcEgress"] === "VPC_EGRESS_ALL_TRAFFIC")
            );
        }
        case GCP_CLOUD_RUN_SERVICE: {
            const access = objectAt(objectAt(props, "template") ?? {}, "vpcAccess") ?? {};
            return (
                (present(access["connector"]) || present(access["networkInterfaces"])) &&
                access["egress"] === "ALL_TRAFFIC"
            );
        }
        default:
            return false;
    }
}

/**
 * Whether all the function's outbound traffic goes through its VPC: true or false, or undefined
 * while a setting it depends on is unknown (preview), so no finding rests on a guess.
 */
export function egressesThroughVpc(type: string, props: Props): boolean | undefined {
    const result = readKnown(() => allTrafficThroughVpc(type, props));
    return result.known ? result.value : undefined;
}
