/**
 * What an IAM Condition confines a grant to. A binding at project (folder, organization) level whose
 * condition requires `resource.name` to be one resource, or to start with one resource's name and a
 * `/`, grants on that resource only, as a resource-level binding would
 * (`resource.name` attribute: https://cloud.google.com/iam/docs/conditions-attribute-reference#resource-name;
 * its formats per service: https://cloud.google.com/iam/docs/conditions-resource-attributes#resource-name).
 * Read for gcp-iam-resource-level-grants and for the identity graph alike. Anything else (an `||`, a
 * prefix that several resources share, a function call we do not read) confines to nothing we can say.
 */

/** `projects/p/topics/t`, `projects/_/buckets/b`: a parent, a collection and an ID, at least. */
const ONE_RESOURCE = /^(?:projects|folders|organizations)\/[^/]+\/[A-Za-z]+\/[^/]+(?:\/.*)?$/;
const EXACT = /^resource\.name\s*==\s*"([^"\\]+)"$/;
const PREFIX = /^resource\.name\.startsWith\(\s*"([^"\\]+)"\s*\)$/;

/** The top-level `&&` terms of an expression, or undefined when it has an `||` or an unbalanced quote. */
function conjuncts(expression: string): string[] | undefined {
    const terms: string[] = [];
    let depth = 0;
    let quoted = false;
    let start = 0;
    for (let i = 0; i < expression.length; i += 1) {
        const c = expression[i];
        if (c === '"' && expression[i - 1] !== "\\") {
            quoted = !quoted;
        } else if (!quoted && c === "(") {
            depth += 1;
        } else if (!quoted && c === ")") {
            depth -= 1;
        } else if (!quoted && expression.startsWith("||", i)) {
            return undefined;
        } else if (!quoted && depth === 0 && expression.startsWith("&&", i)) {
            terms.push(expression.slice(start, i));
            start = i + 2;
            i += 1;
        }
    }
    if (quoted || depth !== 0) {
        return undefined;
    }
    terms.push(expression.slice(start));
    return terms.map((t) =>
        t
            .trim()
            .replace(/^\((.*)\)$/s, "$1")
            .trim(),
    );
}

/**
 * The one resource a condition confines its grant to, by the name conditions use for it
 * (`projects/_/buckets/uploads`), or undefined when it confines to no single resource.
 */
export function confinedResource(expression: string | undefined): string | undefined {
    const terms = expression === undefined ? undefined : conjuncts(expression);
    for (const term of terms ?? []) {
        const exact = EXACT.exec(term)?.[1];
        if (exact !== undefined && ONE_RESOURCE.test(exact)) {
            return exact;
        }
        const prefix = PREFIX.exec(term)?.[1];
        // `projects/_/buckets/b` alone also starts `projects/_/buckets/b2`: only `.../b/` is one bucket.
        if (prefix !== undefined && prefix.endsWith("/") && ONE_RESOURCE.test(prefix)) {
            return prefix.split("/").slice(0, 4).join("/");
        }
    }
    return undefined;
}
