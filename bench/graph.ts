/**
 * Benchmark of the identity graph (issue 6): `buildIdentityGraph` and `callChains` in-process over
 * generated stacks, with the time of each and the peak memory, one fresh process per size so each peak
 * belongs to one stack.
 *
 * The stack is bench/generate-stack.ts's (per function a role, an inline role policy, a log group and
 * the Lambda) with six more resources per function, ten in all (10k resources = 1,000 functions):
 * a second role policy that lets the function invoke the next one of its service (services of five
 * functions; the last one reads a secret and calls the first back, a cycle), a Lambda permission for
 * the caller's role, a function URL (authorization NONE on the first function of one service in ten),
 * a queue, a bucket and a secret. Every function reaches the others of its service, so the chain rule
 * has findings, and the work per caller stays bounded: total work should grow linearly with the stack.
 *
 * `node dist/bench/graph.js [--sizes 1000,10000,50000] [--runs 5]` (bench/run.ts `graph` runs this).
 */
import { spawnSync } from "child_process";
import { stackResourcesOf } from "../policypack/lib/stack-view";
import { buildIdentityGraph } from "../policypack/lib/graph/build";
import { callChains, DEFAULT_CHAIN_CATEGORIES } from "../policypack/lib/graph/chains";
import { generateStackExport } from "./generate-stack";
import { median, option } from "./measure";
import type { StackResource } from "../policypack/lib/stack/resource";

const RESOURCES_PER_FUNCTION = 10;
const SERVICE_SIZE = 5;
const ACCOUNT = "123456789012";
const REGION = "us-east-1";

type ExportResource = Record<string, unknown>;

const fnName = (i: number) => `fn${i}`;
const fnArn = (i: number) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fnName(i)}`;
const urnOf = (type: string, name: string) => `urn:pulumi:dev::bench::${type}::${name}`;
const fnUrn = (i: number) => urnOf("aws:lambda/function:Function", fnName(i));
const roleUrn = (i: number) => urnOf("aws:iam/role:Role", fnName(i));

function custom(type: string, name: string, props: object, deps: object = {}): ExportResource {
    return {
        urn: urnOf(type, name),
        custom: true,
        id: name,
        type,
        inputs: props,
        outputs: props,
        ...deps,
    };
}

/** The next function of i's service; the last calls the first back. */
function callee(i: number): number {
    const first = i - (i % SERVICE_SIZE);
    return i % SERVICE_SIZE === SERVICE_SIZE - 1 ? first : i + 1;
}

function extraResources(i: number, functions: number): ExportResource[] {
    const name = fnName(i);
    const next = Math.min(callee(i), functions - 1);
    const secretArn = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-db`;
    const last = i % SERVICE_SIZE === SERVICE_SIZE - 1;
    const statements: object[] = [
        { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fnArn(next) },
        {
            Effect: "Allow",
            Action: "sqs:SendMessage",
            Resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`,
        },
    ];
    if (last) {
        statements.push({
            Effect: "Allow",
            Action: "secretsmanager:GetSecretValue",
            Resource: secretArn,
        });
    }
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: statements });
    const publicUrl = i % (SERVICE_SIZE * 10) === 0;
    return [
        custom(
            "aws:iam/rolePolicy:RolePolicy",
            `${name}-calls`,
            { role: name, policy },
            { propertyDependencies: { role: [roleUrn(i)], policy: [fnUrn(next)] } },
        ),
        custom(
            "aws:lambda/permission:Permission",
            `${fnName(next)}-from-${name}`,
            {
                function: fnName(next),
                action: "lambda:InvokeFunction",
                principal: `arn:aws:iam::${ACCOUNT}:role/${name}`,
            },
            { propertyDependencies: { function: [fnUrn(next)], principal: [roleUrn(i)] } },
        ),
        custom(
            "aws:lambda/functionUrl:FunctionUrl",
            `${name}-url`,
            { functionName: name, authorizationType: publicUrl ? "NONE" : "AWS_IAM" },
            { propertyDependencies: { functionName: [fnUrn(i)] } },
        ),
        custom("aws:sqs/queue:Queue", name, {
            name,
            arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`,
        }),
        custom("aws:s3/bucket:Bucket", `bucket-${i}`, {
            bucket: `bucket-${i}`,
            arn: `arn:aws:s3:::bucket-${i}`,
        }),
        custom("aws:secretsmanager/secret:Secret", `${name}-db`, {
            name: `${name}-db`,
            arn: secretArn,
        }),
    ];
}

/**
 * generate-stack.ts gives one policy in fifty `*` on `*`. Such a role may invoke every function, so
 * every caller that reaches it reaches the whole stack and the findings grow with callers × functions
 * by nature; here it may rewrite its own policies instead (iam:PutRolePolicy on its role, a privilege
 * escalation method on its own), which keeps the risk without the stack-wide reach.
 */
export function withoutAdminAccess(resource: ExportResource): ExportResource {
    const outputs = resource.outputs as Record<string, unknown> | undefined;
    const policy = outputs?.["policy"];
    if (typeof policy !== "string" || !policy.includes('"Action":"*"')) {
        return resource;
    }
    const role = String(outputs?.["role"]);
    const rewritten = JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Action: "iam:PutRolePolicy",
                Resource: `arn:aws:iam::${ACCOUNT}:role/${role}`,
            },
        ],
    });
    const props = { ...outputs, policy: rewritten };
    return { ...resource, inputs: props, outputs: props };
}

/** The generated export's resources as the SDK hands them to a stack policy (props behind its proxy). */
export function graphStack(size: number): StackResource[] {
    const functions = Math.max(1, Math.floor(size / RESOURCES_PER_FUNCTION));
    const base = generateStackExport(2 + 4 * functions).deployment.resources;
    const all = base.map(withoutAdminAccess);
    for (let i = 0; i < functions; i++) {
        all.push(...extraResources(i, functions));
    }
    return stackResourcesOf(
        all.map((r) => {
            const urn = r.urn as string;
            return {
                urn,
                type: r.type as string,
                name: urn.slice(urn.lastIndexOf("::") + 2),
                props: (r.outputs ?? {}) as Record<string, unknown>,
                propertyDependencies: (r.propertyDependencies ?? {}) as Record<string, string[]>,
            };
        }),
    );
}

const elapsedMs = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

/** One size, in this process: median times of `runs` builds and chain walks, and the peak memory. */
function measureOne(size: number, runs: number): Record<string, number> {
    const resources = graphStack(size);
    const build: number[] = [];
    const chains: number[] = [];
    let counts = { functions: 0, nodes: 0, edges: 0, canInvoke: 0, chains: 0 };
    for (let run = 0; run < runs; run++) {
        let started = process.hrtime.bigint();
        const graph = buildIdentityGraph(resources);
        build.push(elapsedMs(started));
        started = process.hrtime.bigint();
        const found = callChains(graph, DEFAULT_CHAIN_CATEGORIES);
        chains.push(elapsedMs(started));
        counts = {
            functions: graph.functions.length,
            nodes: graph.nodes.length,
            edges: graph.edges.length,
            canInvoke: graph.edges.filter((e) => e.kind === "can-invoke").length,
            chains: found.length,
        };
    }
    return {
        resources: resources.length,
        ...counts,
        buildMs: median(build),
        chainsMs: median(chains),
        peakRssMiB: process.resourceUsage().maxRSS / 1024,
    };
}

/** Each size in a fresh process (this script with `--size`), so each peak belongs to one stack. */
export function benchGraph(sizes: readonly number[], runs: number): Record<string, number>[] {
    return sizes.map((size) => {
        const child = spawnSync(
            process.execPath,
            [__filename, "--size", String(size), "--runs", String(runs)],
            { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
        );
        if (child.status !== 0) {
            throw new Error(`graph benchmark of ${size} resources failed: ${child.stderr}`);
        }
        const row = JSON.parse(child.stdout) as Record<string, number>;
        console.error(`graph ${size}: ${JSON.stringify(row)}`);
        return row;
    });
}

if (require.main === module) {
    const runs = Number(option("runs", "5"));
    const one = option("size", "");
    if (one !== "") {
        process.stdout.write(JSON.stringify(measureOne(Number(one), runs)));
    } else {
        const sizes = option("sizes", "1000,10000,50000").split(",").map(Number);
        console.log(JSON.stringify(benchGraph(sizes, runs), null, 2));
    }
}
