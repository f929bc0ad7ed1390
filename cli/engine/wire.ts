/**
 * Translation between the engine's PropertyValue markers and the values Pulumi puts on the wire (the
 * resource monitor and analyzer protocols, and `pulumi stack export` files).
 *
 * The constants come from @pulumi/pulumi runtime/rpc.js (specialSigKey and friends) and @pulumi/policy
 * proxy.js (the unknown sentinels); they are part of the protocol and never change.
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { PropertyMap, PropertyValue, SecretValue, UnknownValue } from "./types";

/** The sentinel the Pulumi SDK and engine use for an unknown value of any type. */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

/** The typed sentinels @pulumi/policy also recognises as unknown (boolean, number, array, asset, ...). */
const TYPED_UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    UNKNOWN_SENTINEL,
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

export const UNKNOWN: UnknownValue = Object.freeze({ __unknown: true });

export function secret(value: PropertyValue): SecretValue {
    return { __secret: true, value };
}

export function isUnknown(value: unknown): value is UnknownValue {
    return isObject(value) && value.__unknown === true && Object.keys(value).length === 1;
}

export function isSecret(value: unknown): value is SecretValue {
    return isObject(value) && value.__secret === true && "value" in value;
}

/** JSON as it travels in a protobuf Struct. */
export type WireValue =
    null | boolean | number | string | WireValue[] | { [key: string]: WireValue };

/**
 * Reads a wire value into markers: unknown sentinels become `{__unknown}`, secrets `{__secret}` (a
 * ciphertext-only secret from a stack export keeps its secrecy with unknown content), and resource
 * references become the referenced ID or URN, as the engine marshals them for analyzers.
 */
export function fromWire(value: unknown, strings?: StringPool): PropertyValue {
    if (value === null || value === undefined) {
        return null;
    }
    if (typeof value === "string") {
        if (TYPED_UNKNOWN_SENTINELS.has(value)) return UNKNOWN;
        return strings === undefined ? value : strings.share(value);
    }
    if (typeof value === "boolean" || typeof value === "number") {
        return value;
    }
    if (Array.isArray(value)) {
        return value.map((element) => fromWire(element, strings));
    }
    if (!isObject(value)) {
        return null;
    }
    switch (value[SIG_KEY]) {
        case SECRET_SIG:
            return secret(secretContent(value));
        case RESOURCE_SIG:
            return resourceReference(value);
        case OUTPUT_VALUE_SIG: {
            const content = "value" in value ? fromWire(value.value) : UNKNOWN;
            return value.secret === true ? secret(content) : content;
        }
        default:
            return fromWireMap(value, strings);
    }
}

/**
 * One copy of each long string: JSON.parse gives a resource's inputs and outputs their own copies of
 * equal strings (a 100 KB policy document, big tags), which the snapshot would otherwise hold twice.
 */
export class StringPool {
    private readonly pool = new Map<string, string>();

    share(text: string): string {
        if (text.length < StringPool.MIN_LENGTH) return text;
        const seen = this.pool.get(text);
        if (seen !== undefined) return seen;
        this.pool.set(text, text);
        return text;
    }

    static readonly MIN_LENGTH = 64;
}

export function fromWireMap(value: unknown, strings?: StringPool): PropertyMap {
    const result: PropertyMap = {};
    if (!isObject(value)) {
        return result;
    }
    for (const [key, element] of Object.entries(value)) {
        if (element !== undefined) {
            setOwn(result, key, fromWire(element, strings));
        }
    }
    return result;
}

/** Writes markers back as the wire format the analyzer protocol expects. */
export function toWire(value: PropertyValue): WireValue {
    if (value === null || typeof value !== "object") {
        return value;
    }
    if (Array.isArray(value)) {
        return value.map((element) => toWire(element));
    }
    if (isUnknown(value)) {
        return UNKNOWN_SENTINEL;
    }
    if (isSecret(value)) {
        return { [SIG_KEY]: SECRET_SIG, value: toWire(value.value) };
    }
    return toWireMap(value);
}

export function toWireMap(map: PropertyMap): { [key: string]: WireValue } {
    const result: { [key: string]: WireValue } = {};
    for (const [key, element] of Object.entries(map)) {
        setOwn(result, key, toWire(element));
    }
    return result;
}

/**
 * A map as a pack receives it over the analyzer protocol: what its `Struct.toJavaScript()` returns
 * after the map travelled as protobuf, for the packs evaluated in process (./in-process.ts) to see
 * exactly that. google-protobuf's Map iterates its keys sorted, decoding drops a `__proto__` key
 * (its entries live in a plain object) and the binary encoding is UTF-8, so a string that is not
 * well-formed UTF-16 comes back changed; such a rare map takes the real protobuf round trip.
 */
export function toReceivedWireMap(map: PropertyMap): { [key: string]: WireValue } {
    try {
        return receivedMap(map);
    } catch (error) {
        if (error !== NOT_WELL_FORMED) throw error;
        const struct = Struct.fromJavaScript(toWireMap(map));
        return Struct.deserializeBinary(struct.serializeBinary()).toJavaScript();
    }
}

const NOT_WELL_FORMED = new Error("a string that is not well-formed UTF-16");

function received(value: PropertyValue): WireValue {
    if (typeof value === "string") {
        if (!isWellFormed(value)) throw NOT_WELL_FORMED;
        return value;
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    if (Array.isArray(value)) {
        return value.map((element) => received(element));
    }
    if (isUnknown(value)) {
        return UNKNOWN_SENTINEL;
    }
    if (isSecret(value)) {
        // Sorted keys: the signature key sorts before "value".
        return { [SIG_KEY]: SECRET_SIG, value: received(value.value) };
    }
    return receivedMap(value);
}

function receivedMap(map: PropertyMap): { [key: string]: WireValue } {
    const result: { [key: string]: WireValue } = {};
    for (const key of Object.keys(map).sort()) {
        if (key === "__proto__") continue;
        if (!isWellFormed(key)) throw NOT_WELL_FORMED;
        result[key] = received(map[key] ?? null);
    }
    return result;
}

/** `String.prototype.isWellFormed` (Node 20; not in this project's TypeScript lib). */
export function isWellFormed(text: string): boolean {
    return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

function secretContent(value: Record<string, unknown>): PropertyValue {
    if ("value" in value) {
        return fromWire(value.value);
    }
    // `pulumi stack export --show-secrets` writes the plaintext as a JSON document.
    if (typeof value.plaintext === "string") {
        try {
            return fromWire(JSON.parse(value.plaintext));
        } catch {
            return value.plaintext;
        }
    }
    // Only ciphertext: the secret exists but its content cannot be known here.
    return UNKNOWN;
}

function resourceReference(value: Record<string, unknown>): PropertyValue {
    // The engine hands analyzers the ID of a custom resource and the URN of a component.
    if ("id" in value) {
        const id = value.id;
        return typeof id === "string" && id !== "" && id !== UNKNOWN_SENTINEL ? id : UNKNOWN;
    }
    return typeof value.urn === "string" ? value.urn : UNKNOWN;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * `map[key] = value`, except that a key named `__proto__` stays an own property (plain assignment would
 * set the object's prototype and lose the key; see ./dropped-keys.ts for what the policy SDK does).
 */
function setOwn<T>(map: { [key: string]: T }, key: string, value: T): void {
    if (key === "__proto__") {
        Object.defineProperty(map, key, {
            value,
            enumerable: true,
            writable: true,
            configurable: true,
        });
    } else {
        map[key] = value;
    }
}
