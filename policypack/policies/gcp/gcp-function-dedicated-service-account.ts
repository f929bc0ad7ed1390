import { defineResourcePolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";
import {
    defaultAccountKind,
    fieldPathText,
    GCP_FUNCTION_TYPES,
    implicitDefaultAccount,
    readField,
    runtimeAccountField,
    serviceAccountEmailOf,
} from "../../lib/gcp/functions";

export const gcpFunctionDedicatedServiceAccount = defineResourcePolicy({
    name: "gcp-function-dedicated-service-account",
    description:
        "Checks that every Cloud Function (gen1, gen2) and Cloud Run service runs as a service account of its own, not the default Compute Engine or App Engine account.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Use `GcpFunction`, which creates a service account per function, or set the function's service " +
        "account (`serviceConfig.serviceAccountEmail`, `serviceAccountEmail`, `template.serviceAccount`) " +
        "to a `gcp.serviceaccount.Account` created for it. The default accounts often hold roles/editor.",
    cloud: "gcp",
    services: ["cloudfunctions", "cloudrun", "iam"],
    controls: ["nist-800-53:AC-6", "cis", "soc2:CC6.3", "pci-dss:7.2"],
    resourceTypes: GCP_FUNCTION_TYPES,
    config: {},
    validate: (resource, report) => {
        const field = runtimeAccountField(resource.type);
        if (field === undefined) {
            return;
        }
        const subject = describeResource(resource.type, resource.name);
        const value = readField(resource.props, field);
        if (value === undefined || value === null || value === "") {
            const kind = implicitDefaultAccount(resource.type);
            report({
                message: `${subject} sets no service account (${fieldPathText(field)}), so it runs as the ${kind} service account`,
                key: { kind: "ServiceAccount", value: "default" },
            });
            return;
        }
        const email = serviceAccountEmailOf(value);
        const kind = email === undefined ? undefined : defaultAccountKind(email);
        if (email !== undefined && kind !== undefined) {
            report({
                message: `${subject} runs as '${email}', the ${kind} service account`,
                key: { kind: "ServiceAccount", value: email },
            });
        }
    },
});
