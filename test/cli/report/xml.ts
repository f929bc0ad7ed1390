/**
 * A deliberately strict little XML reader for the JUnit tests: it accepts only well-formed documents
 * (balanced tags, quoted attributes, known entities, no characters XML 1.0 forbids) and returns the
 * element tree with decoded attribute values and text.
 */
export interface XmlElement {
    readonly name: string;
    readonly attributes: Record<string, string>;
    readonly children: XmlElement[];
    text: string;
}

const NAME = /^[A-Za-z_][\w.-]*/;
const ENTITY = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

export function parseXml(document: string): XmlElement {
    if (FORBIDDEN.test(document)) throw new Error("character not allowed in XML 1.0");
    let rest = document.replace(/^<\?xml[^?]*\?>\s*/, "");
    const stack: XmlElement[] = [];
    let root: XmlElement | undefined;
    while (rest.length > 0) {
        if (rest.startsWith("</")) {
            const match = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(rest);
            const open = stack.pop();
            if (match === null || open === undefined || open.name !== match[1]) {
                throw new Error(`unbalanced closing tag at: ${rest.slice(0, 40)}`);
            }
            rest = rest.slice(match[0].length);
        } else if (rest.startsWith("<")) {
            const name = NAME.exec(rest.slice(1))?.[0];
            if (name === undefined) throw new Error(`bad tag at: ${rest.slice(0, 40)}`);
            rest = rest.slice(1 + name.length);
            const element: XmlElement = { name, attributes: {}, children: [], text: "" };
            for (;;) {
                const attribute = /^\s+([A-Za-z_][\w.-]*)="([^"<]*)"/.exec(rest);
                if (attribute === null) break;
                const [whole, key = "", value = ""] = attribute;
                if (key in element.attributes) throw new Error(`duplicate attribute ${key}`);
                element.attributes[key] = decode(value);
                rest = rest.slice(whole.length);
            }
            const end = /^\s*(\/?)>/.exec(rest);
            if (end === null)
                throw new Error(`bad attribute in <${name}> at: ${rest.slice(0, 40)}`);
            rest = rest.slice(end[0].length);
            const parent = stack[stack.length - 1];
            if (parent === undefined) {
                if (root !== undefined) throw new Error("more than one root element");
                root = element;
            } else {
                parent.children.push(element);
            }
            if (end[1] !== "/") stack.push(element);
        } else {
            const next = rest.indexOf("<");
            const text = next === -1 ? rest : rest.slice(0, next);
            const parent = stack[stack.length - 1];
            if (parent === undefined && text.trim() !== "")
                throw new Error("text outside the root");
            if (parent !== undefined) parent.text += decode(text);
            rest = rest.slice(text.length);
        }
    }
    if (root === undefined || stack.length > 0) throw new Error("unclosed element");
    return root;
}

function decode(text: string): string {
    let result = "";
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c !== "&") {
            result += c;
            continue;
        }
        const entity = ENTITY.exec(text.slice(i))?.[0];
        if (entity === undefined) throw new Error(`bare & at: ${text.slice(i, i + 20)}`);
        const body = entity.slice(1, -1);
        const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
        result +=
            named[body] ??
            String.fromCodePoint(
                body.startsWith("#x") ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10),
            );
        i += entity.length - 1;
    }
    return result;
}

/** Every element named `name` below `element`, depth first. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
    return element.children.flatMap((child) => [
        ...(child.name === name ? [child] : []),
        ...findAll(child, name),
    ]);
}
