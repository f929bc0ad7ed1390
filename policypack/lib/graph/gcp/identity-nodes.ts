/**
 * Graph nodes for the identities functions run as (see ../../gcp/identities.ts for their keys): the
 * URN of the stack's service account when there is one, else `gcp:identity:<email>` or
 * `gcp:identity:default:<kind>` for Google's default accounts.
 */
import { GCP_SERVICE_ACCOUNT, serviceAccountEmailOf } from "../../gcp/functions";
import type { FunctionIdentity } from "../../gcp/identities";
import { readKnown } from "../../known-value";
import type { GraphNode } from "../model";
import type { StackResource } from "../../stack/resource";

const URN_KEY = "urn:";

/** Service accounts of the stack by their email, where known. */
export function accountsByEmail(resources: readonly StackResource[]): Map<string, StackResource> {
    const accounts = new Map<string, StackResource>();
    for (const resource of resources) {
        if (resource.type !== GCP_SERVICE_ACCOUNT) {
            continue;
        }
        const email = readKnown((): unknown => resource.props["email"]);
        const known = email.known ? serviceAccountEmailOf(email.value) : undefined;
        if (known !== undefined && !accounts.has(known)) {
            accounts.set(known, resource);
        }
    }
    return accounts;
}

export function identityNode(
    identity: FunctionIdentity,
    accounts: ReadonlyMap<string, StackResource>,
): GraphNode {
    const account = identity.key.startsWith(URN_KEY)
        ? { urn: identity.key.slice(URN_KEY.length) }
        : accounts.get(identity.key);
    return account !== undefined
        ? {
              id: account.urn,
              kind: "identity",
              cloud: "gcp",
              label: identity.label,
              type: GCP_SERVICE_ACCOUNT,
              urn: account.urn,
          }
        : {
              id: `gcp:identity:${identity.key}`,
              kind: "identity",
              cloud: "gcp",
              label: identity.label,
          };
}
