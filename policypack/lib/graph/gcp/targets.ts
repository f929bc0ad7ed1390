/**
 * What an IAM resource grants access to: the resource of the stack its target fields depend on (the
 * URN, while its name is unknown in preview), or the named resource outside the stack. Invoker grants
 * on a function or Cloud Run service reach the function itself; a gen2 function is also reached through
 * its underlying Cloud Run service (`serviceConfig.service`), which is where GcpFunction grants
 * `run:invoke`.
 */
import {
    GCP_CLOUD_RUN_SERVICE,
    GCP_FUNCTION_GEN1,
    GCP_FUNCTION_GEN2,
    isGcpFunctionType,
} from "../../gcp/functions";
import { GCP_INVOKABLE_TARGETS, type GcpIamResourceType } from "../../gcp/iam-resources";
import { knownText, readKnown } from "../../known-value";
import type { GraphNode } from "../model";
import { recordOf } from "../../values";
import type { StackResource } from "../../stack/resource";

export interface GrantTarget {
    readonly node: GraphNode;
    /**
     * How a permission names it: `projects/p`, a full name (`projects/p/secrets/s`), or the target
     * kind and name (`secret 'api-key'` while the name is unknown) followed by ` in projects/<id>` when
     * the project is known (`bucket uploads in projects/p`), so a project-level grant can be seen to
     * cover it (../coverage.ts).
     */
    readonly resource: string;
    /** The function the grant is on, when it is on one (node id = its URN). */
    readonly function?: StackResource;
    /** Set when an IAM Condition confines a grant above the resource level to this one resource. */
    readonly confined?: boolean;
}

/**
 * The target of a grant above the resource level that its IAM Condition confines to one resource
 * (../../gcp/conditions.ts): that resource, and the function when it names one.
 */
export function confinedTarget(name: string, functions: FunctionIndex): GrantTarget {
    const fn = functions.named(name);
    return fn !== undefined
        ? { node: functionNode(fn), resource: name, function: fn, confined: true }
        : {
              node: { id: `gcp:resource:${name}`, kind: "resource", cloud: "gcp", label: name },
              resource: name,
              confined: true,
          };
}

/** The last path segment: `projects/p/locations/l/services/api` → `api`. */
function shortName(value: string): string {
    return value.slice(value.lastIndexOf("/") + 1);
}

/** Functions of the stack by URN and by the names IAM resources call them. */
export class FunctionIndex {
    readonly functions: readonly StackResource[];
    private readonly byUrn = new Map<string, StackResource>();
    private readonly byName = new Map<string, StackResource>();

    constructor(resources: readonly StackResource[]) {
        this.functions = resources.filter((r) => isGcpFunctionType(r.type));
        for (const fn of this.functions) {
            this.byUrn.set(fn.urn, fn);
            for (const name of this.namesOf(fn)) {
                if (!this.byName.has(name)) {
                    this.byName.set(name, fn);
                }
            }
        }
    }

    function(urn: string): StackResource | undefined {
        return this.byUrn.get(urn);
    }

    named(value: string): StackResource | undefined {
        return this.byName.get(shortName(value));
    }

    /** The function's name and, for gen2, its Cloud Run service's name, where known. */
    private namesOf(fn: StackResource): string[] {
        const names = [knownText(() => fn.props["name"])];
        if (fn.type === GCP_FUNCTION_GEN2) {
            names.push(knownText(() => recordOf(fn.props["serviceConfig"])?.["service"]));
        }
        return names.flatMap((n) => (n === undefined ? [] : [shortName(n)]));
    }
}

/** Which function kinds an invoke permission reaches when granted above the function. */
export function invokableKinds(permissions: readonly string[]): ReadonlySet<string> {
    const kinds = new Set<string>();
    if (permissions.includes("run.routes.invoke")) {
        kinds.add(GCP_FUNCTION_GEN2).add(GCP_CLOUD_RUN_SERVICE);
    }
    if (permissions.includes("cloudfunctions.functions.invoke")) {
        kinds.add(GCP_FUNCTION_GEN1).add(GCP_FUNCTION_GEN2);
    }
    return kinds;
}

const LEVEL_PREFIX: Readonly<Record<string, string>> = {
    organization: "organizations/",
    folder: "folders/",
    project: "projects/",
};

/**
 * The project a resource-level grant's target belongs to: the IAM resource's own `project` field (the
 * provider fills it in for most IAM resources), else the `project` of the stack resource it is on (a
 * bucket's IAM resources have no project field, the bucket has).
 */
function projectOf(iam: StackResource, dependency: StackResource | undefined): string | undefined {
    const project =
        knownText(() => iam.props["project"]) ??
        (dependency === undefined ? undefined : knownText(() => dependency.props["project"]));
    return project?.replace(/^projects\//, "");
}

/** `bucket uploads` → `bucket uploads in projects/p`; full names already carry their project. */
function inProject(text: string, project: string | undefined): string {
    return project === undefined || text.startsWith("projects/")
        ? text
        : `${text} in projects/${project}`;
}

function resourceText(
    entry: GcpIamResourceType,
    value: string,
    project: string | undefined,
): string {
    const prefix = LEVEL_PREFIX[entry.level];
    if (prefix !== undefined) {
        return value.startsWith(prefix) ? value : `${prefix}${value}`;
    }
    return inProject(value.includes("/") ? value : `${entry.target} ${value}`, project);
}

export function functionNode(fn: StackResource): GraphNode {
    return {
        id: fn.urn,
        kind: "function",
        cloud: "gcp",
        label: fn.name,
        type: fn.type,
        urn: fn.urn,
    };
}

function stackNode(resource: StackResource): GraphNode {
    return {
        id: resource.urn,
        kind: "resource",
        cloud: "gcp",
        label: resource.name,
        type: resource.type,
        urn: resource.urn,
    };
}

/** The target of one IAM resource; never throws, whatever its fields hold. */
export function targetOf(
    iam: StackResource,
    entry: GcpIamResourceType,
    functions: FunctionIndex,
): GrantTarget {
    const values = entry.targetFields.map((field) => knownText(() => iam.props[field]));
    const known = values.every((v) => v !== undefined) ? values.join("/") : undefined;
    const dependency = entry.targetFields
        .flatMap((field) => iam.propertyDependencies?.[field] ?? [])
        .find((r) => r.urn !== iam.urn);
    const invokable = GCP_INVOKABLE_TARGETS.has(entry.target);
    const project = entry.level === "resource" ? projectOf(iam, dependency) : undefined;
    const fn =
        (dependency !== undefined ? functions.function(dependency.urn) : undefined) ??
        (invokable && known !== undefined ? functions.named(known) : undefined);
    if (fn !== undefined) {
        const resource =
            known !== undefined
                ? resourceText(entry, known, project)
                : inProject(`${entry.target} '${fn.name}'`, project);
        return { node: functionNode(fn), resource, function: fn };
    }
    if (dependency !== undefined) {
        const resource =
            known !== undefined
                ? resourceText(entry, known, project)
                : inProject(`${entry.target} '${dependency.name}'`, project);
        return { node: stackNode(dependency), resource };
    }
    const unset = entry.targetFields.every((field) => {
        const value = readKnown((): unknown => iam.props[field]);
        return value.known && (value.value === undefined || value.value === null);
    });
    const resource =
        known !== undefined
            ? resourceText(entry, known, project)
            : unset && LEVEL_PREFIX[entry.level] !== undefined
              ? `${entry.target} (provider default)`
              : `${entry.target} (unknown, of '${iam.name}')`;
    return {
        node: { id: `gcp:resource:${resource}`, kind: "resource", cloud: "gcp", label: resource },
        resource,
    };
}
