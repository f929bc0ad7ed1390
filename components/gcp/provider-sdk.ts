// Imported first by this cloud's index: fails with what to install when @pulumi/gcp is missing.
import { requireProviderSdk } from "../core/provider-sdk";

requireProviderSdk("@pulumi/gcp", "GcpFunction and GcpAuditLogs");
