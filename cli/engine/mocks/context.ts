/**
 * What a mock output rule sees about one resource, and the helpers that make mocked values realistic
 * and stable: the same program always gets the same names, IDs and ARNs, so reports can be diffed.
 */
import { createHash } from "crypto";
import { UNKNOWN_SENTINEL } from "../wire";

/** Where the mocked clouds "are": derived from the stack config the program runs with. */
export interface MockClouds {
    readonly aws: { readonly account: string; readonly region: string };
    readonly azure: {
        readonly subscriptionId: string;
        readonly tenantId: string;
        readonly location: string;
    };
    readonly gcp: {
        readonly project: string;
        readonly projectNumber: string;
        readonly region: string;
    };
}

// Recognisably fake identifiers; the AWS account is the one AWS documentation uses.
const DEFAULT_CLOUDS: MockClouds = {
    aws: { account: "123456789012", region: "us-east-1" },
    azure: {
        subscriptionId: "11111111-2222-3333-4444-555555555555",
        tenantId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
        location: "eastus",
    },
    gcp: { project: "mock-project", projectNumber: "123456789012", region: "us-central1" },
};

/** Reads the provider config keys a real provider would use for its region, project or location. */
export function cloudsFromConfig(config: Readonly<Record<string, string>>): MockClouds {
    const d = DEFAULT_CLOUDS;
    return {
        aws: { account: d.aws.account, region: config["aws:region"] ?? d.aws.region },
        azure: {
            subscriptionId: config["azure-native:subscriptionId"] ?? d.azure.subscriptionId,
            tenantId: config["azure-native:tenantId"] ?? d.azure.tenantId,
            location: config["azure-native:location"] ?? d.azure.location,
        },
        gcp: {
            project: config["gcp:project"] ?? d.gcp.project,
            projectNumber: d.gcp.projectNumber,
            region: config["gcp:region"] ?? d.gcp.region,
        },
    };
}

export interface MockContext {
    readonly type: string;
    /** The logical (Pulumi) name of the resource. */
    readonly name: string;
    readonly inputs: Readonly<Record<string, unknown>>;
    readonly preview: boolean;
    readonly clouds: MockClouds;
    /** The ID a resource read with `.get` was read by; its outputs derive from it. */
    readonly readId?: string;
    /** A value the cloud assigns on create: itself on update, unknown during preview. */
    computed<T>(value: T): T | string;
    /** The string input `key`, or undefined when absent or unknown (preview). */
    input(key: string): string | undefined;
    /** The physical name: the input `key` when set, else Pulumi's auto-name `<name>-<7 hex>`. */
    physicalName(key?: string, style?: "default" | "lowercase-alphanumeric"): string;
    /** Stable lowercase hex derived from the resource type, name and `salt`. */
    hex(length: number, salt?: string): string;
    /** Stable decimal digits derived from the resource type, name and `salt`. */
    digits(length: number, salt?: string): string;
    /** A stable UUID derived from the resource type, name and `salt`. */
    uuid(salt?: string): string;
}

/** What a rule returns: the provider-assigned ID and the outputs a provider would add to the inputs. */
export interface MockResult {
    readonly id?: string;
    readonly outputs: Readonly<Record<string, unknown>>;
}

export type OutputRule = (context: MockContext) => MockResult;

export function createContext(
    type: string,
    name: string,
    inputs: Readonly<Record<string, unknown>>,
    preview: boolean,
    clouds: MockClouds,
    readId?: string,
): MockContext {
    const seed = `${type}::${name}`;
    const input = (key: string): string | undefined => stringValue(inputs[key]);
    return {
        type,
        name,
        inputs,
        preview,
        clouds,
        ...(readId === undefined ? {} : { readId }),
        computed: (value) => (preview ? UNKNOWN_SENTINEL : value),
        input,
        physicalName(key = "name", style = "default") {
            const given = input(key);
            if (given !== undefined) {
                return given;
            }
            const prefix = input("namePrefix");
            const auto = `${prefix ?? `${name}-`}${stableHex(seed, "autoname", 7)}`;
            return style === "default" ? auto : auto.toLowerCase().replace(/[^a-z0-9]/g, "");
        },
        hex: (length, salt = "") => stableHex(seed, salt, length),
        digits: (length, salt = "") => stableDigits(seed, salt, length),
        uuid: (salt = "") => stableUuid(`${seed}::${salt}`),
    };
}

export function stringValue(value: unknown): string | undefined {
    return typeof value === "string" && value !== UNKNOWN_SENTINEL ? value : undefined;
}

export function stableUuid(seed: string): string {
    const h = stableHex(seed, "uuid", 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function stableHex(seed: string, salt: string, length: number): string {
    let out = "";
    for (let round = 0; out.length < length; round++) {
        out += createHash("sha256").update(`${seed}\0${salt}\0${round}`).digest("hex");
    }
    return out.slice(0, length);
}

function stableDigits(seed: string, salt: string, length: number): string {
    const digits = stableHex(seed, salt, length * 2)
        .match(/../g)
        ?.map((pair) => (parseInt(pair, 16) % 10).toString())
        .join("");
    // A leading zero would read as a shorter number; account numbers and unique IDs never have one.
    return `${((parseInt(digits?.[0] ?? "1", 10) % 9) + 1).toString()}${(digits ?? "").slice(1, length)}`;
}
