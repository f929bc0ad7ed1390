/**
 * Links functions, service accounts and grants across a stack. An identity is keyed by its email when
 * known; while an account's email is unknown in preview, by the URN of its `serviceaccount.Account`,
 * reached through property dependencies (the value `serviceAccount:${account.email}` is unknown, but the
 * engine still records that `member` depends on the account). Default accounts share one key per kind,
 * since their project number is rarely in the program.
 */
import {
    defaultAccountKind,
    fieldPathText,
    GCP_SERVICE_ACCOUNT,
    implicitDefaultAccount,
    isGcpFunctionType,
    readField,
    runtimeAccountField,
    serviceAccountEmailOf,
} from "./functions";
import { readKnown } from "../known-value";
import type { StackResource } from "../stack/resource";

export interface FunctionIdentity {
    /** The email, `default:<kind>`, or `urn:<account urn>` while the email is unknown. */
    readonly key: string;
    /** How messages name it: the email, the default account, or the account's resource name. */
    readonly label: string;
    readonly functions: StackResource[];
}

const DEFAULT_PREFIX = "default:";

function keyOfEmail(email: string): string {
    const kind = defaultAccountKind(email);
    return kind === undefined ? email : `${DEFAULT_PREFIX}${kind}`;
}

export function isDefaultIdentityKey(key: string): boolean {
    return key.startsWith(DEFAULT_PREFIX);
}

/** The email of a `serviceaccount.Account`, when known. */
function accountEmail(account: StackResource): string | undefined {
    const email = readKnown((): unknown => account.props["email"]);
    return email.known ? serviceAccountEmailOf(email.value) : undefined;
}

interface AccountRef {
    readonly key: string;
    readonly label: string;
}

function accountRef(account: StackResource): AccountRef {
    const email = accountEmail(account);
    return email !== undefined
        ? { key: keyOfEmail(email), label: email }
        : { key: `urn:${account.urn}`, label: `service account '${account.name}'` };
}

/** The accounts a property depends on, for a value that is unknown during preview. */
function accountsBehind(resource: StackResource, property: string): AccountRef[] {
    return (resource.propertyDependencies?.[property] ?? [])
        .filter((r) => r.type === GCP_SERVICE_ACCOUNT)
        .map(accountRef);
}

/** The identity a member value names (`serviceAccount:<email>`), or none for users and groups. */
export function identityOfMember(member: string): AccountRef | undefined {
    if (!member.startsWith("serviceAccount:")) {
        return undefined;
    }
    const email = serviceAccountEmailOf(member);
    return email === undefined ? undefined : { key: keyOfEmail(email), label: email };
}

/**
 * The identities of members as read by `readGrants`: by value when known, otherwise through the
 * property dependencies of `memberProperty` (`member`, `members`).
 */
export function identitiesOfMembers(
    resource: StackResource,
    members: readonly string[] | undefined,
    memberProperty: string | undefined,
): AccountRef[] {
    if (members !== undefined) {
        return members.flatMap((m) => identityOfMember(m) ?? []);
    }
    return memberProperty === undefined ? [] : accountsBehind(resource, memberProperty);
}

/** The identity a function runs as: its account by value, its default, or through dependencies. */
export function identityOfFunction(fn: StackResource): AccountRef | undefined {
    const field = runtimeAccountField(fn.type);
    if (field === undefined) {
        return undefined;
    }
    const value = readKnown(() => readField(fn.props, field));
    if (!value.known) {
        return accountsBehind(fn, field.top)[0];
    }
    if (value.value === undefined || value.value === null || value.value === "") {
        const kind = implicitDefaultAccount(fn.type);
        return { key: `${DEFAULT_PREFIX}${kind}`, label: `the ${kind} service account` };
    }
    const email = serviceAccountEmailOf(value.value);
    if (email === undefined) {
        // Not an account the provider would accept; it links to nothing, and the provider rejects it.
        const shown = JSON.stringify(value.value) ?? "";
        return { key: `value:${shown}`, label: `${shown} (${fieldPathText(field)})` };
    }
    const kind = defaultAccountKind(email);
    return { key: keyOfEmail(email), label: kind === undefined ? email : `${email} (${kind})` };
}

/** Every identity some function of the stack runs as, with its functions. */
export function functionIdentities(
    resources: readonly StackResource[],
): ReadonlyMap<string, FunctionIdentity> {
    const identities = new Map<string, FunctionIdentity>();
    for (const resource of resources) {
        if (!isGcpFunctionType(resource.type)) {
            continue;
        }
        const ref = identityOfFunction(resource);
        if (ref === undefined) {
            continue;
        }
        const existing = identities.get(ref.key);
        if (existing === undefined) {
            identities.set(ref.key, { ...ref, functions: [resource] });
        } else {
            existing.functions.push(resource);
        }
    }
    return identities;
}

/** `function 'a'` or `functions 'a', 'b'`. */
export function functionsText(functions: readonly StackResource[]): string {
    const names = functions.map((f) => `'${f.name}'`);
    return `${names.length === 1 ? "function" : "functions"} ${names.join(", ")}`;
}
