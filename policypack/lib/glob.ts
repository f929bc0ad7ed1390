/**
 * Glob matching with `*` (any run of characters, including none) and `?` (exactly one character), the
 * wildcard syntax of IAM actions and of exemption patterns.
 *
 * Iterative with one backtrack point instead of a regular expression: patterns come from user policy
 * documents and config, and a regex built from `*a*a*a*...` backtracks exponentially.
 */
export function globMatch(pattern: string, text: string, caseInsensitive = false): boolean {
    const p = caseInsensitive ? pattern.toLowerCase() : pattern;
    const t = caseInsensitive ? text.toLowerCase() : text;
    let pi = 0;
    let ti = 0;
    let starAt = -1;
    let textAtStar = 0;
    while (ti < t.length) {
        const pc = p[pi];
        if (pc === "*") {
            starAt = pi;
            textAtStar = ti;
            pi += 1;
        } else if (pc !== undefined && (pc === "?" || pc === t[ti])) {
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
    while (p[pi] === "*") {
        pi += 1;
    }
    return pi === p.length;
}

/** True when the text contains a glob wildcard, i.e. it names a set rather than one value. */
export function hasWildcard(text: string): boolean {
    return text.includes("*") || text.includes("?");
}
