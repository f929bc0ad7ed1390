/**
 * The Lambda functions of a stack, found the ways IAM and Lambda name them: a full ARN (with or without
 * a version or alias qualifier), a partial ARN `<account>:function:<name>`, the name, an ARN pattern of
 * an identity policy, or, while values are unknown, the property dependencies of the naming property.
 */
import { hasWildcard, globMatch } from "../../glob";
import { propertyText } from "../../known-value";
import {
    resourceIndexOf,
    AWS_LAMBDA_FUNCTION,
    linkedBy,
    ResourceIndex,
} from "../../aws/stack-links";
import type { StackResource } from "../../stack/resource";

/** `arn:aws:lambda:eu-west-1:111122223333:function:api` from the same ARN with a `:qualifier`. */
function unqualifiedArn(value: string): string | undefined {
    const parts = value.split(":");
    return parts[0] === "arn" && parts[5] === "function" && parts.length >= 7
        ? parts.slice(0, 7).join(":")
        : undefined;
}

/** The function name a partial ARN (`111122223333:function:api:prod`) or `api:prod` names. */
function nameOf(value: string): string {
    const parts = value.split(":");
    const at = parts.indexOf("function");
    return (at >= 0 ? parts[at + 1] : parts[0]) ?? value;
}

export class StackFunctions {
    readonly all: readonly StackResource[];
    private readonly index: ResourceIndex;
    /** Functions by known, unqualified ARN. */
    private readonly byArn = new Map<string, StackResource>();
    /** Functions by the name in their known ARN (a bag may lack `name`, a stack export never does). */
    private readonly byArnName = new Map<string, StackResource>();

    constructor(resources: readonly StackResource[]) {
        this.index = resourceIndexOf(AWS_LAMBDA_FUNCTION, resources);
        this.all = [...this.index.all];
        for (const fn of this.all) {
            const arn = propertyText(fn, "arn");
            if (arn !== undefined) {
                this.byArn.set(arn, fn);
                this.byArnName.set(nameOf(arn), fn);
            }
        }
    }

    /** The known ARN of a function of the stack. */
    arnOf(fn: StackResource): string | undefined {
        const arn = propertyText(fn, "arn");
        return arn !== undefined ? arn : undefined;
    }

    byUrn(urn: string): StackResource | undefined {
        return this.index.byDependency(urn);
    }

    /** The function one value names (ARN, qualified ARN, partial ARN or name). */
    lookup(value: string): StackResource | undefined {
        return (
            this.index.lookup(value) ??
            this.byArn.get(unqualifiedArn(value) ?? "") ??
            this.index.lookup(nameOf(value)) ??
            this.byArnName.get(nameOf(value))
        );
    }

    /** The functions a property names by value or, when unknown, by its property dependencies. */
    namedBy(resource: StackResource, property: string): StackResource[] {
        const linked = linkedBy(resource, property, this.index);
        const found = new Set(linked.resources);
        for (const value of linked.external) {
            const fn = this.lookup(value);
            if (fn !== undefined) {
                found.add(fn);
            }
        }
        return [...found];
    }

    /**
     * The functions an identity policy's resource pattern covers, with any qualifier (`:prod`, `:*`).
     * A function whose ARN is unknown is covered only by a pattern of wildcards alone.
     */
    matching(pattern: string): StackResource[] {
        if (/^[*?]+$/.test(pattern)) {
            return [...this.all];
        }
        const unqualified = unqualifiedArn(pattern);
        if (unqualified !== undefined && !hasWildcard(unqualified)) {
            const fn = this.byArn.get(unqualified);
            return fn === undefined ? [] : [fn];
        }
        const found: StackResource[] = [];
        for (const [arn, fn] of this.byArn) {
            if (globMatch(pattern, arn) || globMatch(pattern, `${arn}:`)) {
                found.push(fn);
            }
        }
        return found;
    }
}
