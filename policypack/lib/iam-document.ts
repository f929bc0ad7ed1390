/**
 * Reading AWS IAM policy documents as they reach a policy: a JSON string or an object, with `Action`,
 * `Resource` and friends as a string or a list. Parsing never throws on bad input; it reports what is
 * wrong so a rule can say so. (Reading an unknown value during preview still throws, from the SDK's
 * proxy, on purpose: the SDK turns that into "can't run during preview".)
 */
import { isRecord } from "./values";

export type Effect = "Allow" | "Deny";

/** Principal type (`AWS`, `Service`, `Federated`, `CanonicalUser`) → principals. `"*"` is `{ AWS: ["*"] }`. */
export type Principals = Readonly<Record<string, readonly string[]>>;

/** Condition operator → condition key → values, all as strings. */
export type Conditions = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

export interface IamStatement {
    /** Position in the document, from 1, for messages. */
    readonly position: number;
    readonly sid?: string;
    readonly effect: Effect;
    /** Exactly one of `actions` and `notActions` is set. */
    readonly actions?: readonly string[];
    readonly notActions?: readonly string[];
    /** At most one of `resources` and `notResources` is set; trust policies have neither. */
    readonly resources?: readonly string[];
    readonly notResources?: readonly string[];
    readonly principals?: Principals;
    readonly notPrincipals?: Principals;
    readonly conditions?: Conditions;
}

export interface IamDocument {
    readonly version?: string;
    readonly statements: readonly IamStatement[];
}

export type ParsedIamDocument =
    | { readonly ok: true; readonly document: IamDocument }
    | { readonly ok: false; readonly error: string };

class DocumentError extends Error {}

function fail(message: string): never {
    throw new DocumentError(message);
}

function describeType(value: unknown): string {
    if (value === null) {
        return "null";
    }
    return Array.isArray(value) ? "a list" : `a ${typeof value}`;
}

function stringList(value: unknown, where: string): readonly string[] {
    if (typeof value === "string") {
        return [value];
    }
    if (Array.isArray(value)) {
        const items: string[] = [];
        for (const item of value as unknown[]) {
            if (typeof item !== "string") {
                fail(`${where} must hold only strings, but one item is ${describeType(item)}`);
            }
            items.push(item);
        }
        if (items.length === 0) {
            fail(`${where} is an empty list`);
        }
        return items;
    }
    return fail(`${where} must be a string or a list of strings, not ${describeType(value)}`);
}

function principals(value: unknown, where: string): Principals {
    if (value === "*") {
        // IAM treats `"Principal": "*"` as `{"AWS": "*"}`.
        return { AWS: ["*"] };
    }
    if (!isRecord(value)) {
        return fail(`${where} must be "*" or an object of principal types`);
    }
    const result: Record<string, readonly string[]> = {};
    for (const key of Object.keys(value)) {
        result[key] = stringList(value[key], `${where}.${key}`);
    }
    return result;
}

function conditionValue(value: unknown, where: string): readonly string[] {
    const items: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
    return items.map((item) => {
        if (typeof item === "string" || typeof item === "number" || typeof item === "boolean") {
            return String(item);
        }
        return fail(`${where} must hold strings, numbers or booleans, not ${describeType(item)}`);
    });
}

function conditions(value: unknown, where: string): Conditions {
    if (!isRecord(value)) {
        return fail(`${where} must be an object of condition operators`);
    }
    const result: Record<string, Record<string, readonly string[]>> = {};
    for (const operator of Object.keys(value)) {
        const block = value[operator];
        if (!isRecord(block)) {
            fail(`${where}.${operator} must be an object of condition keys`);
        }
        const keys: Record<string, readonly string[]> = {};
        for (const key of Object.keys(block)) {
            keys[key] = conditionValue(block[key], `${where}.${operator}.${key}`);
        }
        result[operator] = keys;
    }
    return result;
}

function effect(value: unknown, where: string): Effect {
    // IAM spells these with a capital; accept any case so a sloppy "allow" is still judged as an Allow.
    if (typeof value === "string") {
        const lower = value.toLowerCase();
        if (lower === "allow") {
            return "Allow";
        }
        if (lower === "deny") {
            return "Deny";
        }
    }
    return fail(`${where}.Effect must be "Allow" or "Deny"`);
}

function exclusive(
    raw: Record<string, unknown>,
    key: string,
    notKey: string,
    where: string,
): { readonly values?: readonly string[]; readonly notValues?: readonly string[] } {
    const has = raw[key] !== undefined;
    const hasNot = raw[notKey] !== undefined;
    if (has && hasNot) {
        fail(`${where} has both ${key} and ${notKey}`);
    }
    return {
        values: has ? stringList(raw[key], `${where}.${key}`) : undefined,
        notValues: hasNot ? stringList(raw[notKey], `${where}.${notKey}`) : undefined,
    };
}

function statement(raw: unknown, position: number): IamStatement {
    const where = `statement ${position}`;
    if (!isRecord(raw)) {
        return fail(`${where} must be an object, not ${describeType(raw)}`);
    }
    const action = exclusive(raw, "Action", "NotAction", where);
    if (action.values === undefined && action.notValues === undefined) {
        fail(`${where} has neither Action nor NotAction`);
    }
    const resource = exclusive(raw, "Resource", "NotResource", where);
    const sid = raw["Sid"];
    const principal = raw["Principal"];
    const notPrincipal = raw["NotPrincipal"];
    const condition = raw["Condition"];
    return {
        position,
        sid: typeof sid === "string" ? sid : undefined,
        effect: effect(raw["Effect"], where),
        actions: action.values,
        notActions: action.notValues,
        resources: resource.values,
        notResources: resource.notValues,
        principals:
            principal === undefined ? undefined : principals(principal, `${where}.Principal`),
        notPrincipals:
            notPrincipal === undefined
                ? undefined
                : principals(notPrincipal, `${where}.NotPrincipal`),
        conditions:
            condition === undefined ? undefined : conditions(condition, `${where}.Condition`),
    };
}

function fromJson(text: string): unknown {
    if (text.trim() === "") {
        fail("it is empty");
    }
    try {
        return JSON.parse(text) as unknown;
    } catch (e) {
        // V8 quotes the offending text in its message, and a document may hold a secret: keep the position only.
        const position = /position (\d+)/.exec(e instanceof Error ? e.message : "")?.[1];
        return fail(
            `it is not valid JSON${position === undefined ? "" : ` (at character ${position})`}`,
        );
    }
}

/**
 * Parses a policy document given as a JSON string or as an object. Never throws on malformed input.
 * The result is read-only and may be shared: a document written as text is parsed once while a
 * request's rules read it one after another (a role's inline policy is read by some ten rules).
 */
export function parseIamDocument(value: unknown): ParsedIamDocument {
    if (typeof value !== "string") {
        return parse(value);
    }
    let parsed = recentlyParsed.get(value);
    if (parsed === undefined) {
        parsed = parse(value);
        if (recentlyParsed.size >= RECENT_DOCUMENTS) recentlyParsed.clear();
        recentlyParsed.set(value, parsed);
    }
    return parsed;
}

/** Enough for the documents one resource or one role carries; cleared, not evicted, when full. */
const RECENT_DOCUMENTS = 256;
const recentlyParsed = new Map<string, ParsedIamDocument>();

function parse(value: unknown): ParsedIamDocument {
    try {
        const raw = typeof value === "string" ? fromJson(value) : value;
        if (!isRecord(raw)) {
            fail(`it must be a JSON object, not ${describeType(raw)}`);
        }
        const version = raw["Version"];
        const rawStatements = raw["Statement"];
        if (rawStatements === undefined) {
            fail("it has no Statement");
        }
        const list: unknown[] = Array.isArray(rawStatements)
            ? (rawStatements as unknown[])
            : [rawStatements];
        const statements = list.map((s, i) => statement(s, i + 1));
        return {
            ok: true,
            document: { version: typeof version === "string" ? version : undefined, statements },
        };
    } catch (e) {
        // Only our own parse failures become a result; anything else (the SDK's unknown-value
        // error during preview, a bug) must reach the SDK unchanged.
        if (e instanceof DocumentError) {
            return { ok: false, error: e.message };
        }
        throw e;
    }
}
