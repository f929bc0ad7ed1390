/**
 * The resources of a recorded stack as the policy pack sees them in AnalyzeStack, for the identity
 * graph (policypack/lib/graph) to read outside the pack, through the pack library's public entry
 * (policypack/lib/stack-view.ts). The CLI turns its own markers into what the SDK's server would hand a
 * policy: secrets unwrapped to their content, unknown values as the protocol's sentinel, assets and
 * archives as @pulumi/pulumi's classes.
 * test/cli/graph/resources.test.ts checks the result against the SDK's own AnalyzeStack handler.
 */
import { stackResourcesOf, UNKNOWN_VALUE } from "../../policypack/lib/stack-view";
import type { PropertyMap, PropertyValue, RecordedResource } from "../engine/types";
import * as pulumi from "@pulumi/pulumi";
import { isSecret, isUnknown, SIG_KEY } from "../engine/wire";
import type { StackResource } from "../../policypack/lib/stack/resource";

/** Pulumi's asset and archive signatures (@pulumi/pulumi runtime/rpc.js specialAssetSig, specialArchiveSig). */
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";

/** An asset or archive as the SDK's server gives it to a policy: the @pulumi/pulumi class. */
function assetOf(value: Record<string, PropertyValue>): unknown {
    const text = (key: string) => (typeof value[key] === "string" ? value[key] : undefined);
    if (value[SIG_KEY] === ASSET_SIG) {
        const path = text("path");
        const content = text("text");
        const uri = text("uri");
        return path !== undefined
            ? new pulumi.asset.FileAsset(path)
            : content !== undefined
              ? new pulumi.asset.StringAsset(content)
              : uri !== undefined
                ? new pulumi.asset.RemoteAsset(uri)
                : plainMap(value);
    }
    const assets = value["assets"];
    if (assets !== null && typeof assets === "object" && !Array.isArray(assets)) {
        const members: Record<string, pulumi.asset.Asset | pulumi.asset.Archive> = {};
        for (const [name, member] of Object.entries(assets as PropertyMap)) {
            const read = plain(member);
            if (pulumi.asset.Asset.isInstance(read) || pulumi.asset.Archive.isInstance(read)) {
                members[name] = read;
            }
        }
        return new pulumi.asset.AssetArchive(members);
    }
    const path = text("path");
    const uri = text("uri");
    return path !== undefined
        ? new pulumi.asset.FileArchive(path)
        : uri !== undefined
          ? new pulumi.asset.RemoteArchive(uri)
          : plainMap(value);
}

/** A property value as a policy reads it. */
function plain(value: PropertyValue): unknown {
    if (isUnknown(value)) {
        return UNKNOWN_VALUE;
    }
    if (isSecret(value)) {
        return plain(value.value);
    }
    if (Array.isArray(value)) {
        return value.map(plain);
    }
    if (value !== null && typeof value === "object") {
        const sig = value[SIG_KEY];
        return sig === ASSET_SIG || sig === ARCHIVE_SIG ? assetOf(value) : plainMap(value);
    }
    return value;
}

function plainMap(map: PropertyMap): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(map)) {
        if (value !== undefined) {
            result[key] = plain(value);
        }
    }
    return result;
}

/**
 * The same for a preview and a deployed stack: the driver sends the same outputs either way (only
 * ConfigureStack's dry-run flag differs, and the SDK does not pass it to policies), and the values a
 * preview does not know are already unknown in them.
 */
export function graphResourcesOf(resources: readonly RecordedResource[]): StackResource[] {
    return stackResourcesOf(
        resources.map((r) => ({
            urn: r.urn,
            type: r.type,
            name: r.name,
            props: plainMap(r.outputs),
            ...(r.parent === undefined ? {} : { parent: r.parent }),
            propertyDependencies: r.propertyDependencies,
        })),
    );
}
