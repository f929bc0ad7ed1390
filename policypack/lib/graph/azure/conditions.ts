/**
 * Reading ABAC conditions (version 2.0) of role assignments. A condition is reported as text; the
 * shapes that provably remove actions are recognised too: a top-level AND term made only of
 * `!(ActionMatches{'<action>'})` terms, alone or OR'ed with an expression no request satisfies
 * (`<attribute> StringNotLike '*'`, what the write-only `blob:write` grant compiles to), denies those
 * actions whatever the request, so they are not effective permissions. Everything else keeps the
 * role's permissions and shows the condition next to them.
 */

/** Splits `expression` at the `AND`s outside parentheses and quotes. */
function topLevelTerms(expression: string, operator: "AND" | "OR" = "AND"): string[] {
    const terms: string[] = [];
    let depth = 0;
    let quoted = false;
    let start = 0;
    for (let i = 0; i < expression.length; i += 1) {
        const c = expression.charAt(i);
        if (c === "'") {
            quoted = !quoted;
        } else if (!quoted && (c === "(" || c === "{")) {
            depth += 1;
        } else if (!quoted && (c === ")" || c === "}")) {
            depth -= 1;
        } else if (
            !quoted &&
            depth === 0 &&
            /\s/.test(expression.charAt(i - 1) || " ") &&
            new RegExp(`^${operator}\\s`, "i").test(expression.slice(i, i + operator.length + 1))
        ) {
            terms.push(expression.slice(start, i));
            start = i + operator.length;
        }
    }
    terms.push(expression.slice(start));
    return terms.map((t) => t.trim()).filter((t) => t !== "");
}

/** `( x )` → `x` when the outer parentheses enclose the whole term. */
function unwrapped(term: string): string {
    let current = term.trim();
    while (current.startsWith("(") && current.endsWith(")")) {
        let depth = 0;
        let enclosesAll = true;
        for (let i = 0; i < current.length - 1; i += 1) {
            const c = current.charAt(i);
            depth += c === "(" ? 1 : c === ")" ? -1 : 0;
            if (depth === 0) {
                enclosesAll = false;
                break;
            }
        }
        if (!enclosesAll) {
            break;
        }
        current = current.slice(1, -1).trim();
    }
    return current;
}

const NOT_ACTION = /^!\s*\(\s*ActionMatches\s*\{\s*'([^']+)'\s*\}\s*\)$/i;
/** An attribute compared with `StringNotLike '*'`: every string is like '*', so never true. */
const NEVER = /^@(Resource|Request)\[[^\]]+\]\s+StringNotLike\s+'\*'$/i;

/** The actions a condition denies outright (see above); empty when it denies none for certain. */
export function actionsDeniedBy(condition: string): string[] {
    const denied: string[] = [];
    for (const term of topLevelTerms(unwrapped(condition))) {
        const inner = unwrapped(term);
        const single = NOT_ACTION.exec(inner);
        if (single?.[1] !== undefined) {
            denied.push(single[1]);
            continue;
        }
        const alternatives = topLevelTerms(inner, "OR");
        if (alternatives.length === 2 && NEVER.test(unwrapped(alternatives[1] ?? ""))) {
            denied.push(...actionsDeniedBy(alternatives[0] ?? ""));
            continue;
        }
        const parts = topLevelTerms(inner);
        if (parts.length > 1) {
            denied.push(...actionsDeniedBy(inner));
        }
    }
    return denied;
}

/** A condition as one line of text. */
export function conditionText(condition: string): string {
    return condition.replace(/\s+/g, " ").trim();
}
