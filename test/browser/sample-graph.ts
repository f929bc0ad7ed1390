/**
 * A hand-built identity graph for the html report tests (unit and browser): api (public) may invoke
 * worker; worker holds a dangerous grant with a condition; labels carry markup the page must escape.
 */
import {
    riskCounts,
    type GraphEdge,
    type GraphNode,
    type IdentityGraph,
    type Permission,
} from "../../policypack/lib/graph/model";

export const API_URN = "urn:pulumi:dev::shop::aws:lambda/function:Function::api";
export const WORKER_URN = "urn:pulumi:dev::shop::aws:lambda/function:Function::worker<b>";
const API_ROLE = "urn:pulumi:dev::shop::aws:iam/role:Role::api-role";
const WORKER_ROLE = "urn:pulumi:dev::shop::aws:iam/role:Role::worker-role";
const QUEUE = "aws:resource:arn:aws:sqs:us-east-1:123456789012:jobs";
const SECRETS = "aws:resource:*";

const API_PERMISSIONS: Permission[] = [
    {
        action: "sqs:SendMessage",
        resource: "arn:aws:sqs:us-east-1:123456789012:jobs",
        categories: ["write"],
    },
    {
        action: "lambda:InvokeFunction",
        resource: "arn:aws:lambda:us-east-1:123456789012:function:worker",
        categories: ["write"],
    },
];
const WORKER_PERMISSIONS: Permission[] = [
    {
        action: "iam:PassRole",
        resource: "*",
        categories: ["privilegeEscalation", "permissionsManagement"],
    },
    {
        action: "secretsmanager:GetSecretValue",
        resource: "*",
        categories: ["dataExfiltration", "read"],
    },
];

function node(id: string, kind: GraphNode["kind"], label: string, type?: string): GraphNode {
    return {
        id,
        kind,
        cloud: kind === "public" ? null : "aws",
        label,
        ...(type === undefined ? {} : { type, urn: id }),
    };
}

export function sampleGraph(): IdentityGraph {
    const nodes: GraphNode[] = [
        node("public", "public", "anyone"),
        node(API_URN, "function", "api", "aws:lambda/function:Function"),
        node(WORKER_URN, "function", "worker<b>", "aws:lambda/function:Function"),
        node(API_ROLE, "identity", "api-role", "aws:iam/role:Role"),
        node(WORKER_ROLE, "identity", "worker-role", "aws:iam/role:Role"),
        node(QUEUE, "resource", "jobs"),
        node(SECRETS, "resource", "*"),
    ];
    const edges: GraphEdge[] = [
        { kind: "public", from: "public", to: API_URN, reason: "function URL with authType NONE" },
        { kind: "runs-as", from: API_URN, to: API_ROLE },
        { kind: "runs-as", from: WORKER_URN, to: WORKER_ROLE },
        {
            kind: "granted",
            from: API_ROLE,
            to: QUEUE,
            access: "sqs:SendMessage",
            level: "write",
            permissions: [API_PERMISSIONS[0] as Permission],
            conditions: [],
        },
        { kind: "can-invoke", from: API_ROLE, to: WORKER_URN, conditions: [] },
        {
            kind: "granted",
            from: WORKER_ROLE,
            to: SECRETS,
            access: "iam:PassRole, secretsmanager:GetSecretValue",
            level: "privilegeEscalation",
            permissions: WORKER_PERMISSIONS,
            conditions: ["aws:SourceVpce = vpce-1a2b <x>"],
        },
    ];
    return {
        nodes,
        edges,
        functions: [
            {
                functionId: API_URN,
                identityIds: [API_ROLE],
                permissions: API_PERMISSIONS,
                risk: riskCounts(API_PERMISSIONS),
                declared: { declared: 2, granted: 2, ratio: 1 },
                complete: true,
            },
            {
                functionId: WORKER_URN,
                identityIds: [WORKER_ROLE],
                permissions: WORKER_PERMISSIONS,
                risk: riskCounts(WORKER_PERMISSIONS),
                complete: false,
            },
        ],
        nodeById: new Map(nodes.map((n) => [n.id, n])),
    };
}
