/**
 * Glob matching with `*` (any run of characters, including none) and `?` (exactly one character), the
 * wildcard syntax of IAM actions and of exemption patterns.
 *
 * Iterative with one backtrack point instead of a regular expression: patterns come from user policy
 * documents and config, and a regex built from `*a*a*a*...` backtracks exponentially.
 */
export function globMatch(pattern: string, text: string, caseInsensitive = false): boolean {
    if (caseInsensitive && (NON_ASCII.test(pattern) || NON_ASCII.test(text))) {
        // Unicode case mapping can change a string's length: compare the lower-cased strings.
        return globMatchCodes(pattern.toLowerCase(), text.toLowerCase(), false);
    }
    return globMatchCodes(pattern, text, caseInsensitive);
}

const NON_ASCII = /[^\u0000-\u007f]/;
const STAR = 42;
const QUESTION = 63;

/** An ASCII letter in lower case, or the code unchanged. */
function folded(code: number, fold: boolean): number {
    return fold && code >= 65 && code <= 90 ? code + 32 : code;
}

/** The matcher itself, on character codes, so a case-insensitive match allocates nothing. */
function globMatchCodes(p: string, t: string, fold: boolean): boolean {
    let pi = 0;
    let ti = 0;
    let starAt = -1;
    let textAtStar = 0;
    while (ti < t.length) {
        const pc = pi < p.length ? p.charCodeAt(pi) : -1;
        if (pc === STAR) {
            starAt = pi;
            textAtStar = ti;
            pi += 1;
        } else if (
            pc !== -1 &&
            (pc === QUESTION || folded(pc, fold) === folded(t.charCodeAt(ti), fold))
        ) {
            pi += 1;
            ti += 1;
        } else if (starAt >= 0) {
            // Let the last star swallow one more character and retry from just after it.
            pi = starAt + 1;
            textAtStar += 1;
            ti = textAtStar;
        } else {
            return false;
        }
    }
    while (pi < p.length && p.charCodeAt(pi) === STAR) {
        pi += 1;
    }
    return pi === p.length;
}

/** True when the text contains a glob wildcard, i.e. it names a set rather than one value. */
export function hasWildcard(text: string): boolean {
    return text.includes("*") || text.includes("?");
}
