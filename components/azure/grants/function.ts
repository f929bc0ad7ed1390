import { FUNCTION_OPERATIONS } from "./operations";
import type { AzureAccessEntry } from "./types";

/** Calling another function app: no role; the callee's Easy Auth allow-list admits the caller. */
export const functionAccess: readonly AzureAccessEntry[] = [
    {
        access: "function:invoke",
        plane: "easy-auth",
        scopes: ["function-app"],
        broadScopes: [],
        conditions: false,
        summary: "call the function app's HTTP endpoints with a token for its audience",
        operations: [FUNCTION_OPERATIONS.call],
    },
];
