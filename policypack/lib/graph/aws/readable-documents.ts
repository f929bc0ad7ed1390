/**
 * The graph must be built during preview too, when a policy document built from outputs (an ARN, a log
 * group) is still unknown. ../../aws/effective-permissions.ts reads documents directly, so that the SDK
 * stops a rule that judges them; the graph instead hides each unknown document (the role's inline
 * policies, a policy's `policy`) and remembers which resources it hid, so the grants it can read still
 * count and the identity is marked incomplete.
 */
import { identityDocumentsOf } from "../../aws-iam-resources";
import { AWS_POLICY, AWS_ROLE, AWS_ROLE_POLICY } from "../../aws/stack-links";
import { parseIamDocument } from "../../iam-document";
import { readKnown } from "../../known-value";
import type { StackResource } from "../../stack/resource";

/** The property holding the identity documents, per resource type that has one. */
const DOCUMENT_PROPERTY: Readonly<Record<string, string>> = {
    [AWS_ROLE]: "inlinePolicies",
    [AWS_POLICY]: "policy",
    [AWS_ROLE_POLICY]: "policy",
};

export interface ReadableStack {
    readonly resources: readonly StackResource[];
    /** URNs of the resources whose documents were unknown and hidden. */
    readonly unknownDocuments: ReadonlySet<string>;
}

function documentsAreKnown(resource: StackResource): boolean {
    return readKnown(() => {
        for (const embedded of identityDocumentsOf(resource.type, resource.props)) {
            // Parsing reads every value of an object document, so it finds an unknown one anywhere.
            parseIamDocument(embedded.document);
        }
    }).known;
}

function hiding(resource: StackResource, property: string): StackResource {
    // An empty target: a frozen bag would forbid a proxy over it from answering differently.
    const props = new Proxy<Record<string, unknown>>(
        {},
        {
            get: (_target, key): unknown =>
                key === property ? undefined : (Reflect.get(resource.props, key) as unknown),
            has: (_target, key) => key !== property && Reflect.has(resource.props, key),
        },
    );
    return { ...resource, props };
}

export function readableStack(resources: readonly StackResource[]): ReadableStack {
    const unknownDocuments = new Set<string>();
    const readable = resources.map((resource) => {
        const property = DOCUMENT_PROPERTY[resource.type];
        if (property === undefined || documentsAreKnown(resource)) {
            return resource;
        }
        unknownDocuments.add(resource.urn);
        return hiding(resource, property);
    });
    return { resources: readable, unknownDocuments };
}
