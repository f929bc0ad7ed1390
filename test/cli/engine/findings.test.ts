import { strict as assert } from "assert";
import type { AnalyzerDiagnostic } from "../../../cli/engine/analyzer";
import { findingKey, sortDiagnostics } from "../../../cli/engine/findings";
import type { PolicyPackDescriptor, RecordedResource } from "../../../cli/engine/types";

const role: RecordedResource = {
    urn: "urn:pulumi:dev::app::aws:iam/role:Role::app",
    type: "aws:iam/role:Role",
    name: "app",
    custom: true,
    dependencies: [],
    propertyDependencies: {},
    inputs: {},
    outputs: {},
};
const resources = new Map([[role.urn, role]]);
const pack: PolicyPackDescriptor = {
    name: "pack",
    version: "1.0.0",
    policies: [
        {
            name: "p",
            displayName: "",
            description: "Checks that roles are fine.",
            enforcementLevel: "advisory",
            severity: "low",
            tags: ["AC-6"],
            remediationSteps: "",
            kind: "resource",
        },
    ],
};

function diagnostic(message: string, urn = ""): AnalyzerDiagnostic {
    return {
        policyName: "p",
        policyPackName: "pack",
        policyPackVersion: "1.0.0",
        description: "Checks that roles are fine.",
        message,
        enforcementLevel: "advisory",
        urn,
        severity: "low",
    };
}

describe("findings", function () {
    it("keys a finding by the `[Kind::value]` suffix of its message, else by the policy", function () {
        assert.equal(findingKey("p", "allows 's3:*' on '*' [Action::s3:*]"), "p[Action::s3:*]");
        assert.equal(findingKey("p", "has no description"), "p");
        assert.equal(findingKey("p", "see [the docs] for more"), "p");
    });

    it("attributes an Analyze diagnostic without a URN to the analyzed resource and drops the description prefix", function () {
        const { findings } = sortDiagnostics(
            [diagnostic("Checks that roles are fine.\nrole 'app' is bad [Role::app]")],
            role.urn,
            resources,
            pack,
        );
        assert.deepEqual(findings, [
            {
                policy: "p",
                policyPack: "pack",
                severity: "low",
                enforcementLevel: "advisory",
                urn: role.urn,
                resourceType: "aws:iam/role:Role",
                resourceName: "app",
                message: "role 'app' is bad [Role::app]",
                findingKey: "p[Role::app]",
                remediation: "Checks that roles are fine.",
                helpUri: null,
                tags: ["AC-6"],
            },
        ]);
    });

    it("leaves a stack finding without a known resource with a null URN", function () {
        const { findings } = sortDiagnostics(
            [diagnostic("no roles", "urn:pulumi:dev::app::x:y:Z::gone")],
            null,
            resources,
            pack,
        );
        assert.equal(findings[0]?.urn, null);
        assert.equal(findings[0]?.resourceType, null);
    });

    it("sets aside a policy that could not run during preview as not evaluated", function () {
        const reason =
            "can't run policy 'p' from policy pack 'pack@v1.0.0' during preview: string value at .arn can't be known during preview";
        const sorted = sortDiagnostics([diagnostic(reason)], role.urn, resources, pack);
        assert.deepEqual(sorted, {
            findings: [],
            notEvaluated: [{ policy: "p", urn: role.urn, reason }],
        });
    });
});
