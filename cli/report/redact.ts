import type { Evaluation, PropertyValue, SecretValue } from "../engine/types";

/** What replaces the plaintext of a secret in every report. */
export const REDACTED = "[secret]";

/**
 * Secrets shorter than this are left alone: replacing every "true" or "80" in the messages would garble
 * reports, and values that short are not credentials worth hiding.
 */
export const MIN_REDACTED_LENGTH = 6;

/**
 * Defence in depth: rules already avoid quoting credentials, but a message may still echo a value that
 * was a secret in the stack. Every string inside a `{ __secret: true, value }` of any resource's inputs
 * or outputs is replaced in the messages and reasons the report prints.
 */
export function redactSecrets(evaluation: Evaluation): Evaluation {
    const secrets = collectSecrets(evaluation);
    if (secrets.length === 0) {
        return evaluation;
    }
    const redact = (text: string): string => redactText(text, secrets);
    return {
        ...evaluation,
        findings: evaluation.findings.map((f) => ({ ...f, message: redact(f.message) })),
        notEvaluated: evaluation.notEvaluated.map((n) => ({ ...n, reason: redact(n.reason) })),
        exempted: evaluation.exempted.map((e) => ({ ...e, reason: redact(e.reason) })),
    };
}

/** The plaintexts to hide, longest first so a secret that contains another is replaced whole. */
export function collectSecrets(evaluation: Pick<Evaluation, "resources">): string[] {
    const found = new Set<string>();
    for (const resource of evaluation.resources) {
        for (const value of [
            ...Object.values(resource.inputs),
            ...Object.values(resource.outputs),
        ]) {
            visit(value, false, found);
        }
    }
    return [...found]
        .filter((s) => s.length >= MIN_REDACTED_LENGTH)
        .sort((a, b) => b.length - a.length);
}

export function redactText(text: string, secrets: readonly string[]): string {
    let result = text;
    for (const secret of secrets) {
        result = result.split(secret).join(REDACTED);
    }
    return result;
}

function visit(value: PropertyValue, insideSecret: boolean, found: Set<string>): void {
    if (typeof value === "string") {
        if (insideSecret) found.add(value);
    } else if (Array.isArray(value)) {
        for (const item of value) visit(item, insideSecret, found);
    } else if (value !== null && typeof value === "object") {
        if (isSecretValue(value)) {
            visit(value.value, true, found);
        } else if (!("__unknown" in value)) {
            for (const item of Object.values(value)) visit(item, insideSecret, found);
        }
    }
}

function isSecretValue(value: object): value is SecretValue {
    return "__secret" in value && value.__secret === true && "value" in value;
}
