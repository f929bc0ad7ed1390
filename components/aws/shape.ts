/**
 * What an `AwsFunction` and an `AwsAuditTrail` offer, in types that name no provider SDK type: the
 * package root (`import { AwsFunction } from "perimeter"`) declares its classes with these, so it
 * type-checks in a project that installed only another cloud's SDK. The classes implement them, so the
 * compiler keeps the two in step; `perimeter/aws` adds the SDK resources (`function`, `role`, ...).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { AwsFunctionTarget, AwsGrant } from "./args";
import type { AwsPlannedPermission } from "./plan";

export interface AwsFunctionShape extends pulumi.ComponentResource, AwsFunctionTarget {
    readonly roleArn: pulumi.Output<string>;
    readonly functionArn: pulumi.Output<string>;
    readonly functionName: pulumi.Output<string>;
    /** The function URL (`AWS_IAM` auth), when `functionUrl` is on; callers sign with SigV4. */
    readonly url: pulumi.Output<string> | undefined;
    /** Every grant's permissions as data: grant, access level, actions, resources, conditions. */
    readonly permissions: pulumi.Output<AwsPlannedPermission[]>;
    /** What Lambda itself needs with the role, in the shape of `permissions`. */
    readonly runtimePermissions: pulumi.Output<AwsPlannedPermission[]>;
    /** The grant a caller needs to invoke this function: `lambda:invoke` on it. */
    invokeGrant(name: string): AwsGrant;
}

export interface AwsAuditTrailShape extends pulumi.ComponentResource {
    readonly trailArn: pulumi.Output<string>;
    readonly bucketName: pulumi.Output<string>;
}
