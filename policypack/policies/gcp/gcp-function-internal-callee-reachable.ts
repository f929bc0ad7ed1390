import { defineStackPolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";
import { isGcpFunctionType } from "../../lib/gcp/functions";
import { gcpGraphPart } from "../../lib/graph/gcp/part";
import { egressesThroughVpc, internalIngressOf } from "../../lib/gcp/network-path";

/**
 * A function that may invoke an internal-only function must send its traffic through the VPC, or
 * every call is refused as external (lib/gcp/network-path.ts cites Cloud Run's ingress page). Who may
 * invoke whom comes from the identity graph, the same `can-invoke` and `runs-as` edges the call-chain
 * rule and the reports read; one finding per (caller, callee), on the caller.
 */
export const gcpFunctionInternalCalleeReachable = defineStackPolicy({
    name: "gcp-function-internal-callee-reachable",
    description:
        "Checks that a function allowed to invoke an internal-only function sends all its traffic through the VPC, so its calls arrive as internal and are not refused.",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        'Give the caller Direct VPC egress with all traffic (`directVpc: { network, egress: "ALL_TRAFFIC" }` ' +
        'on `GcpFunction`, `serviceConfig.directVpcEgress: "VPC_EGRESS_ALL_TRAFFIC"`) or a Serverless VPC ' +
        'Access connector with `vpcConnectorEgressSettings: "ALL_TRAFFIC"`; or, if the callee must be ' +
        "reachable from outside the VPC, give it ingress ALLOW_ALL and keep `run.invoker` as the gate.",
    cloud: "gcp",
    services: ["cloudfunctions", "cloudrun"],
    controls: ["nist-800-53:SC-7"],
    config: {},
    validate: (args, report) => {
        const gcpFunctions = args.resources.filter((r) => isGcpFunctionType(r.type));
        if (gcpFunctions.length === 0) {
            args.notApplicable("the stack has no Cloud Functions or Cloud Run services");
        }
        // Without an internal-only function there is no call to judge and nothing to build.
        if (!gcpFunctions.some((fn) => internalIngressOf(fn.type, fn.props) !== undefined)) {
            return;
        }
        // The GCP part of the identity graph alone: the other clouds' parts have no GCP calls.
        const graph = gcpGraphPart(args.resources);
        const byUrn = new Map(args.resources.map((r) => [r.urn, r]));
        const reported = new Set<string>();
        for (const invoke of graph.edges) {
            if (invoke.kind !== "can-invoke") {
                continue;
            }
            const callee = byUrn.get(invoke.to);
            const ingress = callee && internalIngressOf(callee.type, callee.props);
            if (callee === undefined || ingress === undefined) {
                continue;
            }
            for (const runsAs of graph.edges) {
                if (runsAs.kind !== "runs-as" || runsAs.to !== invoke.from) {
                    continue;
                }
                const caller = byUrn.get(runsAs.from);
                const pair = `${runsAs.from} ${callee.urn}`;
                if (caller === undefined || caller.urn === callee.urn || reported.has(pair)) {
                    continue;
                }
                if (egressesThroughVpc(caller.type, caller.props) !== false) {
                    continue;
                }
                reported.add(pair);
                report({
                    resource: caller,
                    message:
                        `${describeResource(caller.type, caller.name)} may invoke ` +
                        `${describeResource(callee.type, callee.name)}, whose ingress is ${ingress}, but ` +
                        "its traffic does not all leave through the VPC (Direct VPC egress or a connector " +
                        "with ALL_TRAFFIC), so its calls arrive as external and are refused",
                    key: { kind: "Callee", value: callee.name },
                });
            }
        }
    },
});
