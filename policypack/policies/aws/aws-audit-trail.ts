import { propertyText } from "../../lib/known-value";
import { AWS_LAMBDA_FUNCTION } from "../../lib/aws/stack-links";
import { covers, lambdaCoverage } from "../../lib/aws/trails";
import { defineStackPolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";

const TRAIL = "aws:cloudtrail/trail:Trail";

export const awsAuditTrail = defineStackPolicy({
    name: "aws-audit-trail",
    description:
        "Checks that a CloudTrail trail with log file validation records the Lambda data events of every function in the stack, unless an organisation trail does.",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Add an `AwsAuditTrail` for the stack's functions (log file validation on, Lambda data events " +
        "recorded), or set `organizationTrail: true` when an organisation trail already records them.",
    cloud: "aws",
    services: ["cloudtrail", "lambda"],
    controls: ["nist-800-53:AU-2", "nist-800-53:AU-12", "soc2:CC6.1", "hipaa:164.312", "cis"],
    config: {
        organizationTrail: {
            type: "boolean",
            description:
                "An organisation trail outside this stack records Lambda data events with log file validation.",
            default: false,
        },
    },
    validate: (args, report, config) => {
        const functions = args.resources.filter((r) => r.type === AWS_LAMBDA_FUNCTION);
        if (config.organizationTrail || functions.length === 0) {
            return;
        }
        const validated = [];
        for (const trail of args.resources.filter((r) => r.type === TRAIL)) {
            if (trail.props["enableLogFileValidation"] !== true) {
                report({
                    resource: trail,
                    message: `${describeResource(trail.type, trail.name)} does not validate its log files (enableLogFileValidation is not true)`,
                    key: { kind: "Trail", value: trail.name },
                });
                continue;
            }
            if (trail.props["enableLogging"] !== false) {
                validated.push(lambdaCoverage(trail));
            }
        }
        for (const fn of functions) {
            const arn = propertyText(fn, "arn");
            if (!validated.some((coverage) => covers(coverage, fn, arn))) {
                report({
                    resource: fn,
                    message: `${describeResource(fn.type, fn.name)} has its Lambda data events recorded by no CloudTrail trail with log file validation`,
                    key: { kind: "Function", value: fn.name },
                });
            }
        }
    },
});
