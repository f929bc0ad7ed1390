/**
 * The one loader of ../shared/data/gcp-predefined-roles.json (iann0036/iam-dataset `gcp/roles/*.json`,
 * MIT; the output of `gcloud iam roles describe` per predefined role), for the tests and generators
 * that check roles against it.
 */
import * as fs from "fs";
import * as path from "path";
import { sharedDataDir } from "./repository";

/** One predefined role as the dataset has it. */
export interface GcpDatasetRole {
    readonly name: string;
    readonly title?: string;
    readonly stage?: string;
    /** Sorted; empty when the dataset could not read them (`permissionsUnavailable`). */
    readonly permissions: readonly string[];
    readonly permissionsUnavailable?: boolean;
}

export interface GcpRoleDataset {
    readonly source: { readonly repo: string; readonly path: string; readonly commit: string };
    readonly items: readonly GcpDatasetRole[];
}

const loaded = new Map<string, GcpRoleDataset>();

/** The whole dataset, read once per data directory. */
export function gcpRoleDataset(dataDir: string = sharedDataDir()): GcpRoleDataset {
    let data = loaded.get(dataDir);
    if (data === undefined) {
        const file = path.join(dataDir, "gcp-predefined-roles.json");
        const raw = JSON.parse(fs.readFileSync(file, "utf8")) as GcpRoleDataset;
        data = {
            source: raw.source,
            items: raw.items.map((r) => ({ ...r, permissions: r.permissions ?? [] })),
        };
        loaded.set(dataDir, data);
    }
    return data;
}

/** Every predefined role by name. */
export function gcpPredefinedRoles(
    dataDir: string = sharedDataDir(),
): ReadonlyMap<string, GcpDatasetRole> {
    return new Map(gcpRoleDataset(dataDir).items.map((r) => [r.name, r]));
}
