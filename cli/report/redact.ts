/**
 * Secrets never reach a report or a graph, nor anything derived from them.
 *
 * The policy pack and the graph read secrets unwrapped (the policy SDK hands rules their plaintext),
 * so what they write may quote a secret whole or a piece of one: a bucket name taken from an ARN in a
 * secret policy document, a condition value, an environment variable's name. Every output therefore
 * goes through one redactor built from the stack's resources:
 *
 * - every string inside a secret is replaced wherever it appears;
 * - so is every *piece* of one (the runs of name characters between `:`, `/`, quotes, spaces, ...),
 *   also inside a JSON document held in a secret, and the names of a secret map's scalar entries
 *   (environment variable names), unless the piece is public: it appears outside the stack's secrets
 *   (a URN, a type, a plain property), or it is the name of an AWS action, or it is the grammar of an
 *   IAM policy document (elements, condition operators and condition keys);
 * - values shorter than MIN_REDACTED_LENGTH characters are left alone (see there).
 *
 * A secret is shown as `[secret]`: no prefix, no length, no hash.
 */
import { lookupAwsAction } from "../../policypack/lib/aws-actions";
import type { Evaluation, PropertyValue, RecordedResource, SecretValue } from "../engine/types";

/** What replaces a secret, or a piece of one, in every report. */
export const REDACTED = "[secret]";

/**
 * Secrets shorter than this are left alone: replacing every "true" or "80" in the messages would garble
 * reports, and values that short are not credentials worth hiding.
 */
export const MIN_REDACTED_LENGTH = 6;

/** Replaces what was secret in the stack; the identity when the stack has no secrets. */
export type Redact = (text: string) => string;

/** The redactor of a stack without secrets. */
export const NO_SECRETS: Redact = (text) => text;

/** A run of characters that names something: split on `:`, `/`, quotes, spaces, brackets, `=`, `*`. */
const PIECE = /[A-Za-z0-9_.@-]+/g;

/** The elements of an IAM policy document: keys of a secret document that are grammar, not data. */
const IAM_ELEMENTS = new Set([
    "Version",
    "Id",
    "Statement",
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
    "AWS",
    "Service",
    "Federated",
    "CanonicalUser",
]);

/** Redactors already built: a report and its graph read the same resource list. */
const built = new WeakMap<readonly RecordedResource[], Redact>();

/** The redactor of a stack: what its secrets hold, whole and in pieces, is replaced. */
export function secretRedactor(resources: readonly RecordedResource[]): Redact {
    let redact = built.get(resources);
    if (redact === undefined) {
        redact = buildRedactor(resources);
        built.set(resources, redact);
    }
    return redact;
}

function buildRedactor(resources: readonly RecordedResource[]): Redact {
    const secrets = new SecretCollector();
    for (const resource of resources) {
        for (const value of [
            ...Object.values(resource.inputs),
            ...Object.values(resource.outputs),
        ]) {
            secrets.visit(value, false);
        }
    }
    if (secrets.wholes.size === 0) return NO_SECRETS;
    const shown = publicPieces(resources);
    const wholes = [...secrets.wholes].sort((a, b) => b.length - a.length);
    const pieces = [...secrets.pieces]
        .filter((piece) => !shown.has(piece) && !wholes.includes(piece))
        .sort((a, b) => b.length - a.length);
    const everything = [...wholes, ...pieces].filter((s) => s.length >= MIN_REDACTED_LENGTH);
    if (everything.length === 0) return NO_SECRETS;
    const pattern = new RegExp(everything.map(escapeRegExp).join("|"), "g");
    return (text) => text.replace(pattern, REDACTED);
}

/** The findings, reasons and finding keys of an evaluation with its stack's secrets replaced. */
export function redactSecrets(evaluation: Evaluation): Evaluation {
    const redact = secretRedactor(evaluation.resources);
    if (redact === NO_SECRETS) return evaluation;
    return {
        ...evaluation,
        findings: evaluation.findings.map((f) => ({
            ...f,
            message: redact(f.message),
            findingKey: redact(f.findingKey),
        })),
        notEvaluated: evaluation.notEvaluated.map((n) => ({ ...n, reason: redact(n.reason) })),
        exempted: evaluation.exempted.map((e) => ({
            ...e,
            reason: redact(e.reason),
            findingKey: redact(e.findingKey),
        })),
    };
}

class SecretCollector {
    /** Strings held in secrets. */
    readonly wholes = new Set<string>();
    /** Pieces of them, and the names of secret maps' scalar entries. */
    readonly pieces = new Set<string>();

    visit(value: PropertyValue, insideSecret: boolean): void {
        if (typeof value === "string") {
            if (insideSecret) this.secretString(value);
        } else if (Array.isArray(value)) {
            for (const item of value) this.visit(item, insideSecret);
        } else if (value !== null && typeof value === "object") {
            if (isSecretValue(value)) {
                this.visit(value.value, true);
            } else if (!("__unknown" in value)) {
                for (const [key, item] of Object.entries(value)) {
                    if (insideSecret && isScalar(item)) this.secretString(key);
                    this.visit(item, insideSecret);
                }
            }
        }
    }

    private secretString(text: string): void {
        if (isAwsActionName(text)) return;
        if (text.length >= MIN_REDACTED_LENGTH) this.wholes.add(text);
        const document = parseDocument(text);
        if (document !== undefined) {
            this.document(document, false);
            return;
        }
        for (const piece of dataPieces(text)) this.pieces.add(piece);
    }

    /** A JSON document in a secret: its values, and its keys except IAM grammar. */
    private document(value: unknown, underCondition: boolean): void {
        if (typeof value === "string") {
            this.secretString(value);
        } else if (Array.isArray(value)) {
            for (const item of value) this.document(item, underCondition);
        } else if (value !== null && typeof value === "object") {
            for (const [key, item] of Object.entries(value)) {
                // Condition operators and condition keys are grammar; their values are data.
                if (!underCondition && !IAM_ELEMENTS.has(key) && isScalar(item)) {
                    this.secretString(key);
                }
                this.document(item, underCondition || key === "Condition");
            }
        }
    }
}

/**
 * The pieces of a secret string that are data, not the clouds' grammar: in an Azure resource ID only
 * the names (subscription, resource group, resources; not `providers`, namespaces or resource types),
 * elsewhere every piece but the collection names of resource paths (`projects/_/buckets/NAME`) and
 * the attributes of IAM condition expressions (`resource.name`).
 */
function dataPieces(text: string): string[] {
    if (/^\/subscriptions\//i.test(text) || /\/providers\/[A-Za-z]+\.[A-Za-z]+\//.test(text)) {
        return armNames(text);
    }
    return (text.match(PIECE) ?? []).filter(
        (piece) =>
            !PATH_COLLECTIONS.has(piece) && !/^(resource|request|api|destination)\./.test(piece),
    );
}

/** `/subscriptions/S/resourceGroups/G/providers/Microsoft.X/type/NAME/subtype/NAME`: S, G and the NAMEs. */
function armNames(text: string): string[] {
    const segments = text.split("/").filter((s) => s !== "");
    const names: string[] = [];
    for (let i = 0; i < segments.length; i++) {
        const segment = segments[i] ?? "";
        if (/^providers$/i.test(segment)) {
            i++; // the namespace; then type/name pairs
            continue;
        }
        const name = segments[i + 1];
        if (name !== undefined) names.push(...(name.match(PIECE) ?? []));
        i++;
    }
    return names;
}

/** Collection names of Google Cloud resource names and ARM paths: grammar of a path. */
const PATH_COLLECTIONS = new Set([
    "subscriptions",
    "resourceGroups",
    "providers",
    "projects",
    "organizations",
    "folders",
    "locations",
    "regions",
    "zones",
    "buckets",
    "objects",
    "topics",
    "secrets",
    "versions",
    "keyRings",
    "cryptoKeys",
    "databases",
    "documents",
    "functions",
    "services",
    "serviceAccounts",
    "repositories",
    "datasets",
    "tables",
    "instances",
]);

/** Every piece of every value that is not secret: URNs, types, ids, names, plain properties and keys. */
function publicPieces(resources: readonly RecordedResource[]): Set<string> {
    const shown = new Set<string>();
    const add = (text: string | undefined): void => {
        for (const piece of text?.match(PIECE) ?? []) shown.add(piece);
    };
    const visit = (value: PropertyValue): void => {
        if (typeof value === "string") add(value);
        else if (Array.isArray(value)) value.forEach(visit);
        else if (value !== null && typeof value === "object" && !isSecretValue(value)) {
            for (const [key, item] of Object.entries(value) as [string, PropertyValue][]) {
                add(key);
                visit(item);
            }
        }
    };
    for (const resource of resources) {
        add(resource.urn);
        add(resource.type);
        add(resource.id);
        for (const map of [resource.inputs, resource.outputs]) {
            for (const [key, value] of Object.entries(map)) {
                add(key);
                visit(value);
            }
        }
    }
    return shown;
}

/** A JSON object or array held in a string (a policy document); undefined for anything else. */
function parseDocument(text: string): unknown {
    const start = text.trimStart()[0];
    if (start !== "{" && start !== "[") return undefined;
    try {
        return JSON.parse(text) as unknown;
    } catch {
        return undefined;
    }
}

/** `s3:GetObject`: the name of an AWS action is vocabulary, not data. */
function isAwsActionName(text: string): boolean {
    return /^[a-z0-9-]+:[A-Za-z0-9]+$/.test(text) && lookupAwsAction(text) !== undefined;
}

function isScalar(value: unknown): boolean {
    return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function isSecretValue(value: object): value is SecretValue {
    return "__secret" in value && value.__secret === true && "value" in value;
}

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
