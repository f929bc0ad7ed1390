import { defineStackPolicy } from "../../lib/define-policy";
import { buildIdentityGraph } from "../../lib/graph/build";
import { callChains, DEFAULT_CHAIN_CATEGORIES, describeCallChain } from "../../lib/graph/chains";
import { RISK_CATEGORIES, type RiskCategory } from "../../lib/graph/model";
import { recordRequestGraph } from "../../lib/graph/request-graph";

interface CallChainConfig {
    readonly categories: readonly RiskCategory[];
}

/** The configured categories that exist; the defaults when the value is not a list. */
function chosenCategories(configured: unknown): readonly RiskCategory[] {
    if (!Array.isArray(configured)) {
        return DEFAULT_CHAIN_CATEGORIES;
    }
    return RISK_CATEGORIES.filter((category) => (configured as unknown[]).includes(category));
}

/**
 * Lateral movement along call chains: a function that may invoke another, directly or through other
 * functions, borrows the callee's permissions. One finding per (caller, reachable function) with
 * permissions in the configured categories that the caller does not hold, on the caller; a chain that
 * anyone may start (a public function) is reported on its first function, with "anyone" as the caller.
 */
export const stackCallChainEscalation = defineStackPolicy<CallChainConfig>({
    name: "stack-call-chain-escalation",
    description:
        "Checks that no function can invoke, directly or through other functions, a function that holds risky permissions it does not hold itself.",
    severity: "high",
    enforcementLevel: "advisory",
    remediationSteps:
        "Break the chain or level it: remove the caller's invoke grant (`lambda:invoke`, " +
        "`function:invoke` or `run:invoke` in the `grants` of `AwsFunction`, `AzureFunction` or " +
        "`GcpFunction`) when it does not need to call, or move the risky grants (secrets, IAM, " +
        "data reads) out of the callee into a function nobody low-privileged can reach; keep callees " +
        "private (AWS function URLs with `AWS_IAM`, no `allUsers` invoker, Easy Auth on).",
    cloud: "stack",
    services: ["iam", "lambda", "functions", "cloudfunctions", "cloudrun"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.3", "pci-dss:7.2"],
    config: {
        categories: {
            type: "array",
            items: { type: "string", enum: [...RISK_CATEGORIES] },
            uniqueItems: true,
            description:
                "Risk categories of the callee's permissions that count as borrowed power: " +
                `${RISK_CATEGORIES.join(", ")}.`,
            default: DEFAULT_CHAIN_CATEGORIES,
        },
    },
    validate: (args, report, config) => {
        const graph = buildIdentityGraph(args.resources);
        recordRequestGraph(graph);
        if (graph.functions.length === 0) {
            args.notApplicable("the stack has no functions");
        }
        const chains = callChains(graph, chosenCategories(config.categories));
        if (chains.length === 0) {
            return;
        }
        const byUrn = new Map(args.resources.map((r) => [r.urn, r]));
        for (const chain of chains) {
            // A function outside the stack's resources (never expected) gets a stack-level finding.
            report({ resource: byUrn.get(chain.reportOnId), ...describeCallChain(graph, chain) });
        }
    },
});
