import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";

/**
 * A short, stable hash of a key: the same key always gives the same suffix, so child resources keep
 * their names (and are not replaced) when grants are reordered or new ones are added.
 */
export function stableHash(key: string, length = 8): string {
    return createHash("sha256").update(key).digest("hex").slice(0, length);
}

/** The name of a child resource: the component's name and the child's stable key. */
export function childName(component: string, key: string): string {
    return `${component}-${key}`;
}

/** What a grant `name` may look like: it becomes part of resource names on every cloud. */
export const GRANT_NAME_PATTERN = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;

/**
 * The component's name, checked before anything is registered: Pulumi's own error for an empty name
 * ("Missing resource name argument (for URN creation)") names neither the component nor the fix.
 */
export function componentName(component: string, name: unknown): string {
    if (typeof name !== "string" || name.trim() === "") {
        throw new pulumi.RunError(
            `${component} needs a name: the first argument of \`new ${component}(name, args)\` is ` +
                `${typeof name === "string" ? JSON.stringify(name) : String(name)}; give a non-empty ` +
                `name such as "api" (it is the stable key of every child resource)`,
        );
    }
    return name;
}
