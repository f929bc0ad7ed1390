import { defineResourcePolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";
import { readKnown } from "../../lib/known-value";

const GCP_SERVICE_ACCOUNT_KEY = "gcp:serviceaccount/key:Key";

export const gcpNoServiceAccountKeys = defineResourcePolicy({
    name: "gcp-no-service-account-keys",
    description:
        "Checks that the stack creates no service account keys, which are long-lived credentials that work from anywhere.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Delete the `gcp.serviceaccount.Key`. Code on Google Cloud uses the attached service account " +
        "(`GcpFunction` runs as its own); code elsewhere uses Workload Identity Federation.",
    cloud: "gcp",
    services: ["iam"],
    controls: ["nist-800-53:AC-6", "cis", "soc2:CC6.1", "pci-dss:7.2"],
    resourceTypes: [GCP_SERVICE_ACCOUNT_KEY],
    config: {},
    validate: (resource, report) => {
        // The account is named only to help the reader; an unknown one does not change the finding.
        const account = readKnown(() => resource.props["serviceAccountId"]);
        const of =
            account.known && typeof account.value === "string" ? ` for '${account.value}'` : "";
        report({
            message: `${describeResource(resource.type, resource.name)} creates a service account key${of}`,
            key: { kind: "Key", value: resource.name },
        });
    },
});
