/**
 * The tag vocabulary of the pack: the cloud, the services a policy looks at, and the compliance controls
 * it supports. The CLI selects policies and groups findings by these tags, so they are a closed set.
 */
import type { PolicyComplianceFramework } from "@pulumi/policy";

export const CLOUDS = ["aws", "azure", "gcp", "stack"] as const;
export type Cloud = (typeof CLOUDS)[number];

export const SERVICES = [
    "iam",
    "lambda",
    "cloudtrail",
    "functions",
    "keyvault",
    "storage",
    "monitor",
    "cloudfunctions",
    "cloudrun",
    "logging",
    "exemptions",
] as const;
export type Service = (typeof SERVICES)[number];

interface ControlInfo {
    readonly framework: string;
    readonly version: string;
    readonly title: string;
}

/** Controls as `<framework>:<control>`; each maps to the framework entry Pulumi Cloud shows. */
const CONTROLS = {
    "nist-800-53:AC-6": {
        framework: "NIST SP 800-53",
        version: "Rev. 5",
        title: "Least Privilege",
    },
    "nist-800-53:AU-2": { framework: "NIST SP 800-53", version: "Rev. 5", title: "Event Logging" },
    "nist-800-53:AU-12": {
        framework: "NIST SP 800-53",
        version: "Rev. 5",
        title: "Audit Record Generation",
    },
    "nist-800-53:SC-7": {
        framework: "NIST SP 800-53",
        version: "Rev. 5",
        title: "Boundary Protection",
    },
    "pci-dss:7.2": {
        framework: "PCI DSS",
        version: "4.0",
        title: "Access to system components and data is appropriately defined and assigned",
    },
    "soc2:CC6.1": {
        framework: "SOC 2",
        version: "2017 TSC",
        title: "Logical access security software, infrastructure and architectures",
    },
    "soc2:CC6.3": {
        framework: "SOC 2",
        version: "2017 TSC",
        title: "Role-based access, least privilege and segregation of duties",
    },
    cis: {
        framework: "CIS Benchmarks",
        version: "current",
        title: "Identity and access management recommendations",
    },
    "hipaa:164.312": {
        framework: "HIPAA Security Rule",
        version: "45 CFR 164",
        title: "Technical safeguards: access control and audit controls",
    },
} as const satisfies Record<string, ControlInfo>;

export type ComplianceControl = keyof typeof CONTROLS;

export const COMPLIANCE_CONTROLS = Object.keys(CONTROLS) as readonly ComplianceControl[];

export function isComplianceControl(tag: string): tag is ComplianceControl {
    return Object.prototype.hasOwnProperty.call(CONTROLS, tag);
}

/** The framework entry for a control, e.g. NIST SP 800-53 Rev. 5, reference AC-6. */
export function frameworkOf(control: ComplianceControl): PolicyComplianceFramework {
    const info: ControlInfo = CONTROLS[control];
    const colon = control.indexOf(":");
    return {
        name: info.framework,
        version: info.version,
        reference: colon < 0 ? control : control.slice(colon + 1),
        specification: info.title,
    };
}
