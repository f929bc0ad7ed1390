import { defineResourcePolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";
import {
    buildAccountField,
    defaultAccountKind,
    fieldPathText,
    GCP_FUNCTION_GEN1,
    GCP_FUNCTION_GEN2,
    readField,
    runtimeAccountField,
    serviceAccountEmailOf,
} from "../../lib/gcp/functions";

export const gcpFunctionBuildServiceAccount = defineResourcePolicy({
    name: "gcp-function-build-service-account",
    description:
        "Checks that Cloud Functions build as a dedicated service account, neither the default Compute Engine account nor the function's runtime account.",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Use `GcpFunction`, which builds as a separate build service account, or set " +
        "`buildConfig.serviceAccount` (gen2) / `buildServiceAccount` (gen1) to an account with only " +
        "the build roles.",
    cloud: "gcp",
    services: ["cloudfunctions", "iam"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.3"],
    resourceTypes: [GCP_FUNCTION_GEN1, GCP_FUNCTION_GEN2],
    config: {},
    validate: (resource, report) => {
        const field = buildAccountField(resource.type);
        const runtime = runtimeAccountField(resource.type);
        if (field === undefined || runtime === undefined) {
            return;
        }
        const subject = describeResource(resource.type, resource.name);
        const value = readField(resource.props, field);
        if (value === undefined || value === null || value === "") {
            report({
                message: `${subject} sets no ${fieldPathText(field)}, so it builds as the Compute Engine default service account`,
                key: { kind: "BuildServiceAccount", value: "default" },
            });
            return;
        }
        const email = serviceAccountEmailOf(value);
        if (email === undefined) {
            return;
        }
        if (defaultAccountKind(email) !== undefined) {
            report({
                message: `${subject} builds as '${email}', a default service account`,
                key: { kind: "BuildServiceAccount", value: email },
            });
        } else if (serviceAccountEmailOf(readField(resource.props, runtime)) === email) {
            report({
                message: `${subject} builds as its runtime account '${email}', so build permissions reach the running function`,
                key: { kind: "BuildServiceAccount", value: email },
            });
        }
    },
});
