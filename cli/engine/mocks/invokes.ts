/**
 * Offline answers to the provider functions (invokes) programs commonly call. Anything else fails with
 * a clear message: there is no cloud to ask, and a made-up answer would be a silent lie.
 */
import type { MockClouds } from "./context";

type Invoke = (inputs: Record<string, unknown>, clouds: MockClouds) => Record<string, unknown>;

export const invokes: Readonly<Record<string, Invoke>> = {
    "aws:index/getCallerIdentity:getCallerIdentity": (_inputs, { aws }) => ({
        accountId: aws.account,
        arn: `arn:aws:iam::${aws.account}:user/perimeter-offline`,
        userId: "AIDAPERIMETEROFFLINE",
        id: aws.account,
    }),
    "aws:index/getRegion:getRegion": (_inputs, { aws }) => ({
        name: aws.region,
        region: aws.region,
        id: aws.region,
        endpoint: `ec2.${aws.region}.amazonaws.com`,
        description: aws.region,
    }),
    "aws:index/getPartition:getPartition": () => ({
        partition: "aws",
        id: "aws",
        dnsSuffix: "amazonaws.com",
        reverseDnsPrefix: "com.amazonaws",
    }),
    "aws:iam/getPolicyDocument:getPolicyDocument": (inputs) => renderPolicyDocument(inputs),
    "gcp:organizations/getProject:getProject": (_inputs, { gcp }) => ({
        projectId: gcp.project,
        number: gcp.projectNumber,
        name: gcp.project,
        id: `projects/${gcp.project}`,
    }),
    "gcp:organizations/getClientConfig:getClientConfig": (_inputs, { gcp }) => ({
        project: gcp.project,
        region: gcp.region,
        zone: `${gcp.region}-a`,
        id: gcp.project,
    }),
    // The Cloud Storage service agent, which publishes bucket notifications (storage event triggers).
    "gcp:storage/getProjectServiceAccount:getProjectServiceAccount": (inputs, { gcp }) => {
        const email = `service-${gcp.projectNumber}@gs-project-accounts.iam.gserviceaccount.com`;
        return {
            emailAddress: email,
            member: `serviceAccount:${email}`,
            project: typeof inputs.project === "string" ? inputs.project : gcp.project,
            id: email,
        };
    },
    "azure-native:authorization:getClientConfig": (_inputs, { azure }) => ({
        clientId: "cccccccc-1111-2222-3333-444444444444",
        objectId: "99999999-8888-7777-6666-555555555555",
        subscriptionId: azure.subscriptionId,
        tenantId: azure.tenantId,
    }),
};

/** The JSON `aws.iam.getPolicyDocument` renders from its `statements`, as the provider does. */
function renderPolicyDocument(inputs: Record<string, unknown>): Record<string, unknown> {
    const statements = Array.isArray(inputs.statements) ? inputs.statements : [];
    const document = {
        Version: typeof inputs.version === "string" ? inputs.version : "2012-10-17",
        ...(typeof inputs.policyId === "string" ? { Id: inputs.policyId } : {}),
        Statement: statements.map((s: unknown) => renderStatement(asRecord(s))),
    };
    return {
        json: JSON.stringify(document, undefined, 2),
        minifiedJson: JSON.stringify(document),
        id: String(JSON.stringify(document).length),
    };
}

function renderStatement(s: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (typeof s.sid === "string") out.Sid = s.sid;
    out.Effect = typeof s.effect === "string" ? s.effect : "Allow";
    for (const [key, field] of [
        ["Action", "actions"],
        ["NotAction", "notActions"],
        ["Resource", "resources"],
        ["NotResource", "notResources"],
    ] as const) {
        const list = strings(s[field]);
        if (list.length > 0) out[key] = list.length === 1 ? list[0] : list;
    }
    for (const [key, field] of [
        ["Principal", "principals"],
        ["NotPrincipal", "notPrincipals"],
    ] as const) {
        const principals = Array.isArray(s[field]) ? s[field].map(asRecord) : [];
        if (principals.length > 0) out[key] = renderPrincipals(principals);
    }
    const conditions = Array.isArray(s.conditions) ? s.conditions.map(asRecord) : [];
    if (conditions.length > 0) {
        const rendered: Record<string, Record<string, unknown>> = {};
        for (const condition of conditions) {
            const test = String(condition.test);
            const values = strings(condition.values);
            rendered[test] = {
                ...rendered[test],
                [String(condition.variable)]: values.length === 1 ? values[0] : values,
            };
        }
        out.Condition = rendered;
    }
    return out;
}

function renderPrincipals(principals: Record<string, unknown>[]): unknown {
    const first = principals[0];
    if (principals.length === 1 && first?.type === "*") {
        return "*";
    }
    const rendered: Record<string, unknown> = {};
    for (const p of principals) {
        const ids = strings(p.identifiers);
        rendered[String(p.type)] = ids.length === 1 ? ids[0] : ids;
    }
    return rendered;
}

function strings(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function asRecord(value: unknown): Record<string, unknown> {
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}
