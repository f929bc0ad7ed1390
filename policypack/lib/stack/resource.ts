/**
 * The one shape of a stack resource that the pack's readers, the identity graph and the `perimeter`
 * command share: what the SDK's `PolicyResource` (@pulumi/policy) carries about a resource and what
 * a stack export or a previewed program gives (./../stack-view.ts builds it for the command). A
 * `PolicyResource` is one, so a stack policy hands its `args.resources` to every reader as they are.
 *
 * - `props`: the inputs (or outputs of an export) behind the SDK's unknown-checking proxy; reading a
 *   value unknown in preview throws the SDK's `UnknownValueError` (see ../known-value.ts).
 * - `propertyDependencies` and `parent` point at other resources of the same list; a URN outside it is
 *   dropped, as the SDK's server does (node_modules/@pulumi/policy/server.js).
 */
export interface StackResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly props: Readonly<Record<string, unknown>>;
    readonly propertyDependencies?: Readonly<Record<string, readonly StackResource[]>>;
    readonly parent?: StackResource;
}
