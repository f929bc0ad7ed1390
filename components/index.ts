/**
 * Perimeter's components. Each cloud loads on first use of one of its classes, so
 * `import { AwsFunction } from "perimeter"` never loads the Azure or Google Cloud SDKs; the subpaths
 * `perimeter/aws`, `perimeter/azure` and `perimeter/gcp` give the same classes with their plans and
 * access tables.
 */
import { lazyLoad } from "./lazy";

// `exports` of this CommonJS module: the lazy getters are defined on it, as Pulumi's SDKs do.
declare const exports: object;
/* eslint-disable @typescript-eslint/no-require-imports -- loading a cloud's module on first use is the point */

export type {
    AwsAuditTrailArgs,
    AwsFunctionArgs,
    AwsGrant,
    AwsGrantConditions,
    AwsInvokeSource,
} from "./aws";
export type AwsFunction = import("./aws").AwsFunction;
export const AwsFunction: typeof import("./aws").AwsFunction = undefined as never;
export type AwsAuditTrail = import("./aws").AwsAuditTrail;
export const AwsAuditTrail: typeof import("./aws").AwsAuditTrail = undefined as never;
lazyLoad(exports, ["AwsFunction", "AwsAuditTrail"], () => require("./aws"));

export type { AzureAuditLogsArgs, AzureFunctionArgs, AzureGrant } from "./azure";
export type AzureFunction = import("./azure").AzureFunction;
export const AzureFunction: typeof import("./azure").AzureFunction = undefined as never;
export type AzureAuditLogs = import("./azure").AzureAuditLogs;
export const AzureAuditLogs: typeof import("./azure").AzureAuditLogs = undefined as never;
lazyLoad(exports, ["AzureFunction", "AzureAuditLogs"], () => require("./azure"));

export type { GcpAuditLogsArgs, GcpFunctionArgs, GcpGrant } from "./gcp";
export type GcpFunction = import("./gcp").GcpFunction;
export const GcpFunction: typeof import("./gcp").GcpFunction = undefined as never;
export type GcpAuditLogs = import("./gcp").GcpAuditLogs;
export const GcpAuditLogs: typeof import("./gcp").GcpAuditLogs = undefined as never;
lazyLoad(exports, ["GcpFunction", "GcpAuditLogs"], () => require("./gcp"));
/* eslint-enable @typescript-eslint/no-require-imports */
