/**
 * The one loader of ../shared/data/azure-builtin-roles.json (iann0036/iam-dataset
 * `azure/built-in-roles-raw.json`, MIT; the output of `az role definition list`), for the tests and
 * generators that check roles against it.
 */
import * as fs from "fs";
import * as path from "path";
import { sharedDataDir } from "./repository";

/** One built-in role: its GUID (`id`), name, and the union of its permission blocks. */
export interface AzureDatasetRole {
    readonly id: string;
    readonly roleName: string;
    readonly actions: readonly string[];
    readonly notActions: readonly string[];
    readonly dataActions: readonly string[];
    readonly notDataActions: readonly string[];
}

export const AZURE_BUILTIN_ROLES_FILE = (): string =>
    path.join(sharedDataDir(), "azure-builtin-roles.json");

let loaded: readonly AzureDatasetRole[] | undefined;

/** Every built-in role of the dataset, read once. */
export function azureBuiltinRoles(): readonly AzureDatasetRole[] {
    loaded ??= (
        JSON.parse(fs.readFileSync(AZURE_BUILTIN_ROLES_FILE(), "utf8")) as {
            items: AzureDatasetRole[];
        }
    ).items;
    return loaded;
}
