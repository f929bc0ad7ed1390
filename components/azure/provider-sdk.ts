// Imported first by this cloud's index: fails with what to install when @pulumi/azure-native is missing.
import { requireProviderSdk } from "../core/provider-sdk";

requireProviderSdk("@pulumi/azure-native", "AzureFunction and AzureAuditLogs");
