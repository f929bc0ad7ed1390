/**
 * How stack policies name a function identity in messages: the role and the functions that run as it.
 */
import { describeResource, quoteList } from "../finding";
import type { FunctionIdentity } from "./function-identities";

export function describeIdentity(identity: FunctionIdentity): string {
    const functions = quoteList(identity.functions.map((f) => f.name));
    const noun = identity.functions.length === 1 ? "function" : "functions";
    const role =
        identity.role !== undefined
            ? describeResource(identity.role.type, identity.role.name)
            : `role '${identity.roleArn ?? "?"}'`;
    return `${role} (used by ${noun} ${functions})`;
}
