/**
 * Hand-built identity graphs for the renderer tests: a chain of three functions across two hops
 * (api → worker → admin), a public entry point on api, and admin holding risky grants (two on one
 * bucket, to be drawn as one edge). Labels carry the characters DOT and Mermaid must escape.
 */
import {
    PUBLIC_NODE_ID,
    riskCounts,
    type FunctionProfile,
    type GraphEdge,
    type GraphNode,
    type IdentityGraph,
    type Permission,
} from "../../../policypack/lib/graph/model";

const STACK = "urn:pulumi:dev::shop::";
export const API = `${STACK}perimeter:index:AwsFunction$aws:lambda/function:Function::api`;
export const WORKER = `${STACK}perimeter:index:AwsFunction$aws:lambda/function:Function::worker`;
export const ADMIN = `${STACK}perimeter:index:AwsFunction$aws:lambda/function:Function::admin`;
export const API_ROLE = `${STACK}aws:iam/role:Role::api-role`;
export const WORKER_ROLE = `${STACK}aws:iam/role:Role::worker-role`;
export const ADMIN_ROLE = `${STACK}aws:iam/role:Role::admin-role`;
export const QUEUE = `${STACK}aws:sqs/queue:Queue::jobs`;
export const BUCKET = "aws:resource:arn:aws:s3:::reports/*";
export const ANYWHERE = "aws:resource:*";
/** A label with every character the drawing languages treat specially. */
export const TRICKY_LABEL = `odd "name" | <b>x</b> & #1 \`tick\` \\N end`;

const passRole: Permission = {
    action: "iam:PassRole",
    resource: "*",
    categories: ["privilegeEscalation", "permissionsManagement"],
};
const getObject: Permission = {
    action: "s3:GetObject",
    resource: "arn:aws:s3:::reports/*",
    categories: ["dataExfiltration", "read"],
};
const listBucket: Permission = {
    action: "s3:ListBucket",
    resource: "arn:aws:s3:::reports",
    categories: ["read"],
};
const sendMessage: Permission = {
    action: "sqs:SendMessage",
    resource: "arn:aws:sqs:eu-west-1:123456789012:jobs",
    categories: ["write"],
};
const invokeWorker: Permission = {
    action: "lambda:InvokeFunction",
    resource: "arn:aws:lambda:eu-west-1:123456789012:function:worker",
    categories: ["write"],
};
const invokeAdmin: Permission = { ...invokeWorker, resource: invokeWorker.resource + "-admin" };

function node(id: string, kind: GraphNode["kind"], label: string, type?: string): GraphNode {
    return {
        id,
        kind,
        cloud: kind === "public" ? null : "aws",
        label,
        ...(type === undefined ? {} : { type, urn: id }),
    };
}

function profile(
    functionId: string,
    identityId: string,
    permissions: Permission[],
): FunctionProfile {
    return {
        functionId,
        identityIds: [identityId],
        permissions,
        risk: riskCounts(permissions),
        complete: true,
    };
}

export function graphOf(
    nodes: GraphNode[],
    edges: GraphEdge[],
    functions: FunctionProfile[],
): IdentityGraph {
    return { nodes, edges, functions, nodeById: new Map(nodes.map((n) => [n.id, n])) };
}

export function chainGraph(): IdentityGraph {
    const fn = "aws:lambda/function:Function";
    const nodes = [
        node(API, "function", "api", fn),
        node(WORKER, "function", "worker", fn),
        node(ADMIN, "function", "admin", fn),
        node(API_ROLE, "identity", "api-role", "aws:iam/role:Role"),
        node(WORKER_ROLE, "identity", "worker-role", "aws:iam/role:Role"),
        node(ADMIN_ROLE, "identity", "admin-role", "aws:iam/role:Role"),
        node(QUEUE, "resource", "jobs", "aws:sqs/queue:Queue"),
        node(BUCKET, "resource", "reports/*"),
        node(ANYWHERE, "resource", "*"),
        node(PUBLIC_NODE_ID, "public", "anyone"),
    ];
    const edges: GraphEdge[] = [
        {
            kind: "public",
            from: PUBLIC_NODE_ID,
            to: API,
            reason: "function URL with authType NONE",
        },
        { kind: "runs-as", from: API, to: API_ROLE },
        { kind: "runs-as", from: WORKER, to: WORKER_ROLE },
        { kind: "runs-as", from: ADMIN, to: ADMIN_ROLE },
        { kind: "can-invoke", from: API_ROLE, to: WORKER, conditions: [] },
        { kind: "can-invoke", from: WORKER_ROLE, to: ADMIN, conditions: [] },
        {
            kind: "granted",
            from: API_ROLE,
            to: WORKER,
            access: "lambda:InvokeFunction",
            level: "write",
            permissions: [invokeWorker],
            conditions: [],
        },
        {
            kind: "granted",
            from: WORKER_ROLE,
            to: QUEUE,
            access: "sqs:SendMessage",
            level: "write",
            permissions: [sendMessage],
            conditions: [],
        },
        {
            kind: "granted",
            from: WORKER_ROLE,
            to: ADMIN,
            access: "lambda:InvokeFunction",
            level: "write",
            permissions: [invokeAdmin],
            conditions: [],
        },
        {
            kind: "granted",
            from: ADMIN_ROLE,
            to: BUCKET,
            access: "s3:GetObject",
            level: "dataExfiltration",
            permissions: [getObject],
            conditions: [],
            via: `${STACK}aws:iam/rolePolicy:RolePolicy::admin-read`,
        },
        {
            kind: "granted",
            from: ADMIN_ROLE,
            to: BUCKET,
            access: "s3:ListBucket",
            level: "read",
            permissions: [listBucket],
            conditions: ["s3:prefix StringLike reports/*"],
        },
        {
            kind: "granted",
            from: ADMIN_ROLE,
            to: ANYWHERE,
            access: "iam:PassRole",
            level: "privilegeEscalation",
            permissions: [passRole],
            conditions: [],
        },
    ];
    const functions = [
        profile(API, API_ROLE, [invokeWorker]),
        profile(WORKER, WORKER_ROLE, [sendMessage, invokeAdmin]),
        profile(ADMIN, ADMIN_ROLE, [getObject, listBucket, passRole]),
    ];
    return graphOf(nodes, edges, functions);
}

/** One function and its role, the function named with {@link TRICKY_LABEL}. */
export function trickyGraph(): IdentityGraph {
    const fn = `${STACK}aws:lambda/function:Function::odd$"name"`;
    const role = `${STACK}aws:iam/role:Role::odd-role`;
    return graphOf(
        [
            node(fn, "function", TRICKY_LABEL, "aws:lambda/function:Function"),
            node(role, "identity", "odd-role"),
        ],
        [{ kind: "runs-as", from: fn, to: role }],
        [profile(fn, role, [])],
    );
}

/** `count` independent functions, each with its role and one grant: the shape of a large stack. */
export function wideGraph(count: number): IdentityGraph {
    const nodes: GraphNode[] = [];
    const edges: GraphEdge[] = [];
    const functions: FunctionProfile[] = [];
    for (let i = 0; i < count; i++) {
        const fn = `${STACK}aws:lambda/function:Function::fn-${i}`;
        const role = `${STACK}aws:iam/role:Role::role-${i}`;
        const queue = `${STACK}aws:sqs/queue:Queue::queue-${i}`;
        nodes.push(
            node(fn, "function", `fn-${i}`),
            node(role, "identity", `role-${i}`),
            node(queue, "resource", `queue-${i}`),
        );
        edges.push(
            { kind: "runs-as", from: fn, to: role },
            {
                kind: "granted",
                from: role,
                to: queue,
                access: "sqs:SendMessage",
                level: "write",
                permissions: [sendMessage],
                conditions: [],
            },
        );
        functions.push(profile(fn, role, [sendMessage]));
    }
    return graphOf(nodes, edges, functions);
}
