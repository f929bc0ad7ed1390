// Imported first by this cloud's index: fails with what to install when @pulumi/aws is missing.
import { requireProviderSdk } from "../core/provider-sdk";

requireProviderSdk("@pulumi/aws", "AwsFunction and AwsAuditTrail");
