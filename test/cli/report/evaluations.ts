/**
 * Hand-built evaluations for the report tests: a pack with two policies, a role that violates both,
 * a stack-level finding, something not evaluated and something exempted. Messages carry the characters
 * every format must escape.
 */
import type {
    Evaluation,
    Finding,
    PolicyPackDescriptor,
    PolicyVerdict,
    RecordedResource,
} from "../../../cli/engine/types";
import type { ReportInput } from "../../../cli/report/input";

export const ROLE_URN = "urn:pulumi:dev::shop::aws:iam/role:Role::api-role";
export const POLICY_URN = "urn:pulumi:dev::shop::aws:iam/rolePolicy:RolePolicy::api-policy";
export const STACK_URN = "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev";
export const SPECIAL = `allows 's3:*' on '*' <script>&"|'`;
export const SECRET = "hunter2-super-secret-token";

export const RULES_DOC = "https://example.com/perimeter/docs/rules.md";

export const PACK: PolicyPackDescriptor = {
    name: "perimeter-serverless-iam",
    version: "0.1.0",
    policies: [
        {
            name: "aws-iam-policy-no-wildcard-actions",
            displayName: "No wildcard actions",
            description: "Checks that IAM policies grant no wildcard actions.",
            enforcementLevel: "mandatory",
            severity: "high",
            tags: ["NIST 800-53 AC-6", "PCI DSS 7.2"],
            remediationSteps: "Use `AwsFunction` grants, which list exact actions.",
            url: `${RULES_DOC}#aws-iam-policy-no-wildcard-actions`,
            kind: "resource",
        },
        {
            name: "aws-lambda-function-own-role",
            displayName: "One role per function",
            description: "Checks that every function has its own role.",
            enforcementLevel: "advisory",
            severity: "medium",
            tags: ["SOC 2 CC6.3"],
            remediationSteps: "Let `AwsFunction` create the role.",
            kind: "resource",
        },
        {
            name: "stack-no-long-lived-credentials",
            displayName: "No long-lived credentials",
            description: "Checks that the stack creates no access keys.",
            enforcementLevel: "mandatory",
            severity: "critical",
            tags: [],
            remediationSteps: "Use roles instead of access keys.",
            kind: "stack",
        },
    ],
};

export function resource(
    urn: string,
    extra: Partial<Pick<RecordedResource, "inputs" | "outputs" | "parent">> = {},
): RecordedResource {
    const parts = urn.split("::");
    return {
        urn,
        type: (parts[2] ?? "").split("$").pop() ?? "",
        name: parts[3] ?? "",
        custom: true,
        dependencies: [],
        propertyDependencies: {},
        inputs: extra.inputs ?? {},
        outputs: extra.outputs ?? {},
        ...(extra.parent === undefined ? {} : { parent: extra.parent }),
    };
}

export function finding(overrides: Partial<Finding> = {}): Finding {
    return {
        policy: "aws-iam-policy-no-wildcard-actions",
        policyPack: PACK.name,
        severity: "high",
        enforcementLevel: "mandatory",
        urn: POLICY_URN,
        resourceType: "aws:iam/rolePolicy:RolePolicy",
        resourceName: "api-policy",
        message: SPECIAL,
        findingKey: "aws-iam-policy-no-wildcard-actions[Action::s3:*]",
        remediation: "Use `AwsFunction` grants, which list exact actions.",
        helpUri: `${RULES_DOC}#aws-iam-policy-no-wildcard-actions`,
        tags: ["NIST 800-53 AC-6", "PCI DSS 7.2"],
        ...overrides,
    };
}

/** Two findings on the role policy, one on the stack, one not evaluated, one exempted. */
export function sampleEvaluation(source = "stacks/shop-dev.json"): Evaluation {
    return {
        source,
        packs: [PACK],
        resources: [
            resource(STACK_URN, { inputs: {} }),
            resource(ROLE_URN, { parent: STACK_URN }),
            resource(POLICY_URN, {
                parent: STACK_URN,
                inputs: { role: "api-role", token: { __secret: true, value: SECRET } },
            }),
            resource("urn:pulumi:dev::shop::pulumi:providers:aws::default_7_0_0"),
        ],
        findings: [
            finding({
                policy: "aws-lambda-function-own-role",
                severity: "medium",
                enforcementLevel: "advisory",
                urn: ROLE_URN,
                resourceType: "aws:iam/role:Role",
                resourceName: "api-role",
                message: "is shared by 2 functions | api, worker",
                findingKey: "aws-lambda-function-own-role",
                remediation: "Let `AwsFunction` create the role.",
                helpUri: null,
                tags: ["SOC 2 CC6.3"],
            }),
            finding(),
            finding({
                policy: "stack-no-long-lived-credentials",
                severity: "critical",
                urn: null,
                resourceType: null,
                resourceName: null,
                message: "the stack creates 1 access key",
                findingKey: "stack-no-long-lived-credentials",
                remediation: "Use roles instead of access keys.",
                helpUri: null,
                tags: [],
            }),
        ],
        notEvaluated: [
            {
                policy: "aws-lambda-function-own-role",
                urn: POLICY_URN,
                reason: "can't run during preview: `role` is unknown",
            },
        ],
        exempted: [
            {
                policy: "aws-iam-policy-no-wildcard-actions",
                urn: ROLE_URN,
                findingKey: "aws-iam-policy-no-wildcard-actions[Action::logs:*]",
                reason: "legacy logging role <ticket SEC-12>",
                expires: "2030-01-01",
            },
        ],
        verdicts: [
            verdict("aws-iam-policy-no-wildcard-actions", "mandatory", 3, 1),
            verdict("aws-lambda-function-own-role", "advisory", 2, 1, 1),
            verdict("stack-no-long-lived-credentials", "mandatory", 1, 1),
        ],
    };
}

export function verdict(
    policy: string,
    enforcementLevel: PolicyVerdict["enforcementLevel"],
    judged: number,
    findings: number,
    notEvaluated = 0,
): PolicyVerdict {
    const kind = policy.startsWith("stack-") ? "stack" : "resource";
    return {
        policyPack: PACK.name,
        policy,
        kind,
        enforcementLevel,
        judged,
        findings,
        notEvaluated,
    };
}

export function emptyEvaluation(source = "stacks/clean.json"): Evaluation {
    return {
        source,
        packs: [PACK],
        resources: [resource(ROLE_URN)],
        findings: [],
        notEvaluated: [],
        exempted: [],
        verdicts: [
            verdict("aws-iam-policy-no-wildcard-actions", "mandatory", 1, 0),
            verdict("aws-lambda-function-own-role", "advisory", 1, 0),
            verdict("stack-no-long-lived-credentials", "mandatory", 0, 0),
        ],
    };
}

export function reportInput(
    evaluations: readonly Evaluation[] = [sampleEvaluation()],
    overrides: Partial<ReportInput> = {},
): ReportInput {
    return {
        tool: { name: "perimeter", version: "0.1.0" },
        command: "audit",
        evaluations,
        combined: evaluations.length > 1,
        ...overrides,
    };
}

/**
 * An AWS-only stack judged by a pack that also has Azure and Google Cloud policies (tagged with their
 * cloud, as perimeter's pack tags them), none of which found anything to judge.
 */
export function multiCloudEvaluation(): Evaluation {
    const cloudPolicy = (name: string, cloud: string) => ({
        ...PACK.policies[1]!,
        name,
        tags: [cloud, "iam"],
    });
    const pack: PolicyPackDescriptor = {
        ...PACK,
        policies: [
            { ...PACK.policies[0]!, tags: ["aws", "iam"] },
            cloudPolicy("azure-one", "azure"),
            cloudPolicy("azure-two", "azure"),
            cloudPolicy("gcp-one", "gcp"),
            cloudPolicy("aws-unused", "aws"),
        ],
    };
    return {
        ...emptyEvaluation(),
        packs: [pack],
        verdicts: [
            verdict("aws-iam-policy-no-wildcard-actions", "mandatory", 1, 0),
            verdict("azure-one", "advisory", 0, 0),
            verdict("azure-two", "advisory", 0, 0),
            verdict("gcp-one", "advisory", 0, 0),
            verdict("aws-unused", "advisory", 0, 0),
        ],
    };
}
