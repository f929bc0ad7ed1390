/**
 * Reads a `pulumi stack export` file (deployment version 3) into a snapshot. Secrets stay secrets:
 * ciphertext becomes a secret whose content is unknown, `--show-secrets` plaintext a known secret.
 */
import { UsageError } from "./errors";
import type { RecordedResource, StackSnapshot } from "./types";
import { fromWireMap, StringPool } from "./wire";

const SUPPORTED_VERSION = 3;

export function readStackExport(text: string, source: string): StackSnapshot {
    let document: unknown;
    try {
        // A UTF-8 byte-order mark (editors on Windows write one) is not JSON, but not damage either.
        document = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new UsageError(
            `${source} is not valid JSON (${reason}); pass the output of 'pulumi stack export'`,
        );
    }
    refuseDeepNesting(document, source);
    const root = asRecord(document);
    if (!root || !("version" in root)) {
        throw new UsageError(
            `${source} is not a Pulumi stack export (no 'version'); create one with 'pulumi stack export --file <file>'`,
        );
    }
    if (root.version !== SUPPORTED_VERSION) {
        throw new UsageError(
            `${source} is a version ${JSON.stringify(root.version)} stack export; perimeter reads version ${SUPPORTED_VERSION}, ` +
                `so export it again with a current Pulumi CLI`,
        );
    }
    // A backend state file nests the same deployment under `checkpoint.latest`.
    const deployment = asRecord(root.deployment) ?? asRecord(asRecord(root.checkpoint)?.latest);
    if (!deployment) {
        throw new UsageError(
            `${source} has no 'deployment'; pass the output of 'pulumi stack export'`,
        );
    }
    const entries = deployment.resources ?? [];
    if (!Array.isArray(entries)) {
        throw new UsageError(`${source}: 'deployment.resources' must be a list of resources`);
    }
    const resources = entries
        .map((entry, index) => readResource(entry, index, source))
        .filter((resource): resource is RecordedResource => resource !== undefined);
    refuseDuplicateUrns(resources, source);
    const [stack, project] = stackAndProject(resources[0]?.urn);
    return {
        source,
        resources,
        ...(project ? { project } : {}),
        ...(stack ? { stack } : {}),
        preview: false,
    };
}

function readResource(entry: unknown, index: number, source: string): RecordedResource | undefined {
    const r = asRecord(entry);
    const urn = r?.urn;
    if (!r || typeof urn !== "string" || !urn.startsWith("urn:pulumi:")) {
        throw new UsageError(
            `${source}: resource #${index + 1} has no valid 'urn'; the export is damaged`,
        );
    }
    // Resources awaiting deletion after a replacement are not part of the stack's desired state.
    if (r.delete === true) {
        return undefined;
    }
    const urnParts = urn.split("::");
    // Inputs and outputs share their equal long strings (see StringPool).
    const pool = new StringPool();
    const qualifiedType = urnParts[2] ?? "";
    const resource: { -readonly [K in keyof RecordedResource]: RecordedResource[K] } = {
        urn,
        type: typeof r.type === "string" ? r.type : (qualifiedType.split("$").pop() ?? ""),
        name: typeof r.name === "string" ? r.name : urnParts.slice(3).join("::"),
        custom: r.custom === true,
        dependencies: strings(r.dependencies),
        propertyDependencies: Object.fromEntries(
            Object.entries(asRecord(r.propertyDependencies) ?? {}).map(([key, urns]) => [
                key,
                strings(urns),
            ]),
        ),
        inputs: fromWireMap(r.inputs, pool),
        outputs: fromWireMap(r.outputs, pool),
    };
    if (typeof r.parent === "string" && r.parent !== "") {
        resource.parent = r.parent;
    }
    if (typeof r.provider === "string" && r.provider !== "") {
        resource.provider = r.provider;
    }
    if (r.protect === true) {
        resource.protect = true;
    }
    if (typeof r.id === "string" && r.id !== "") {
        resource.id = r.id;
    }
    return resource;
}

/**
 * Property values nest a few dozen levels in real stacks; the readers downstream (ours and the policy
 * SDK's deserializer) recurse, so an absurdly deep value is refused here with a reason instead of
 * ending in "Maximum call stack size exceeded". Measured without recursion.
 */
export const MAX_NESTING = 500;

function refuseDeepNesting(document: unknown, source: string): void {
    const pending: [unknown, number][] = [[document, 1]];
    while (pending.length > 0) {
        const [value, depth] = pending.pop() ?? [undefined, 0];
        if (value === null || typeof value !== "object") {
            continue;
        }
        if (depth > MAX_NESTING) {
            throw new UsageError(
                `${source} nests values more than ${MAX_NESTING} levels deep; no Pulumi resource has such properties, so the export is damaged or was not written by 'pulumi stack export'`,
            );
        }
        for (const child of Object.values(value)) {
            pending.push([child, depth + 1]);
        }
    }
}

/**
 * A URN names one live resource; two live entries with the same URN (resources pending deletion are
 * already left out) would be judged twice and give two findings with one fingerprint.
 */
function refuseDuplicateUrns(resources: readonly RecordedResource[], source: string): void {
    const seen = new Set<string>();
    for (const resource of resources) {
        if (seen.has(resource.urn)) {
            throw new UsageError(
                `${source}: the URN '${resource.urn}' appears twice among the live resources; the export is damaged or hand-edited, so export the stack again with 'pulumi stack export'`,
            );
        }
        seen.add(resource.urn);
    }
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>` */
function stackAndProject(urn: string | undefined): [string | undefined, string | undefined] {
    if (!urn) {
        return [undefined, undefined];
    }
    const [head, project] = urn.split("::");
    return [head?.slice("urn:pulumi:".length), project];
}

function strings(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
    return typeof value === "object" && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
}
