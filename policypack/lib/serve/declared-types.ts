/**
 * The types a multi-type resource policy judges, and the reason it answers "not applicable" for any
 * other: carried by its validation function (lib/define-policy.ts) so our Analyze handler
 * (./read-once.ts) answers for it without calling it, as the SDK's handler does for a policy of one
 * type (`__pulumiType`). The answer is the one the policy itself would give by throwing
 * `args.notApplicable(reason)`; calling it cost a thrown error per (resource, policy) pair, 260,000
 * of them for a 10,000-resource stack. A registered symbol, so that the pack's modules and
 * `perimeter`'s own build of this library agree on it.
 */
export const DECLARED_TYPES: unique symbol = Symbol.for("perimeter.declaredResourceTypes") as never;

export interface DeclaredTypes {
    readonly types: ReadonlySet<string>;
    readonly reason: string;
}

/** What a validation function declares, when it declares it. */
export function declaredTypesOf(validation: unknown): DeclaredTypes | undefined {
    if (typeof validation !== "function") return undefined;
    const declared = (validation as unknown as Record<symbol, unknown>)[DECLARED_TYPES];
    if (typeof declared !== "object" || declared === null) return undefined;
    const { types, reason } = declared as Partial<DeclaredTypes>;
    return types instanceof Set && typeof reason === "string" ? { types, reason } : undefined;
}
