/**
 * Perimeter's components. Each cloud loads on first use of one of its classes, so
 * `import { AwsFunction } from "perimeter"` never loads the Azure or Google Cloud SDKs, and using a
 * class whose SDK is not installed fails with the package to install.
 *
 * The root declares each class with its provider-neutral shape (no provider SDK type appears here), so
 * it type-checks in a project that installed one cloud's SDK only. The subpaths `perimeter/aws`,
 * `perimeter/azure` and `perimeter/gcp` give the same classes with their SDK resources (`function`,
 * `role`, `app`, ...), their plans and access tables.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { AwsAuditTrailArgs, AwsFunctionArgs } from "./aws/args";
import type { AwsAuditTrailShape, AwsFunctionShape } from "./aws/shape";
import type { AzureAuditLogsArgs, AzureFunctionArgs } from "./azure/args";
import type { AzureAuditLogsShape, AzureFunctionShape } from "./azure/shape";
import type { GcpAuditLogsArgs, GcpFunctionArgs } from "./gcp/args";
import type { GcpAuditLogsShape, GcpFunctionShape } from "./gcp/shape";
import { lazyLoad } from "./lazy";

// `exports` of this CommonJS module: the lazy getters are defined on it, as Pulumi's SDKs do.
declare const exports: object;
/* eslint-disable @typescript-eslint/no-require-imports -- loading a cloud's module on first use is the point */

/** A component class as the root declares it: a constructor of its provider-neutral shape. */
export type ComponentClass<Args, Shape> = new (
    name: string,
    args: Args,
    opts?: pulumi.ComponentResourceOptions,
) => Shape;

export type {
    AwsAuditTrailArgs,
    AwsFunctionArgs,
    AwsFunctionTarget,
    AwsGrant,
    AwsInvokeSource,
} from "./aws/args";
export type { AwsGrantConditions } from "./aws/conditions";
export type { AwsAuditTrailShape, AwsFunctionShape } from "./aws/shape";
export type AwsFunction = AwsFunctionShape;
export const AwsFunction: ComponentClass<AwsFunctionArgs, AwsFunctionShape> = undefined as never;
export type AwsAuditTrail = AwsAuditTrailShape;
export const AwsAuditTrail: ComponentClass<AwsAuditTrailArgs, AwsAuditTrailShape> =
    undefined as never;
lazyLoad(exports, ["AwsFunction", "AwsAuditTrail"], () => require("./aws"));

export type { AzureAuditLogsArgs, AzureFunctionArgs, AzureGrant } from "./azure/args";
export type { AzureAuditLogsShape, AzureFunctionShape } from "./azure/shape";
export type AzureFunction = AzureFunctionShape;
export const AzureFunction: ComponentClass<AzureFunctionArgs, AzureFunctionShape> =
    undefined as never;
export type AzureAuditLogs = AzureAuditLogsShape;
export const AzureAuditLogs: ComponentClass<AzureAuditLogsArgs, AzureAuditLogsShape> =
    undefined as never;
lazyLoad(exports, ["AzureFunction", "AzureAuditLogs"], () => require("./azure"));

export type { GcpAuditLogsArgs, GcpFunctionArgs, GcpGrant } from "./gcp/args";
export type { GcpAuditLogsShape, GcpFunctionShape } from "./gcp/shape";
export type GcpFunction = GcpFunctionShape;
export const GcpFunction: ComponentClass<GcpFunctionArgs, GcpFunctionShape> = undefined as never;
export type GcpAuditLogs = GcpAuditLogsShape;
export const GcpAuditLogs: ComponentClass<GcpAuditLogsArgs, GcpAuditLogsShape> = undefined as never;
lazyLoad(exports, ["GcpFunction", "GcpAuditLogs"], () => require("./gcp"));
/* eslint-enable @typescript-eslint/no-require-imports */
