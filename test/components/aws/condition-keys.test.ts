import { strict as assert } from "assert";
import * as fs from "fs";
import {
    conditionKeysModule,
    conditionKeysModulePath,
} from "../../../scripts/generate-aws-condition-keys";

describe("the condition keys of the granted AWS actions", function () {
    this.timeout(60_000);

    it("are what scripts/generate-aws-condition-keys.ts makes of the action catalogue today", async function () {
        assert.equal(
            fs.readFileSync(conditionKeysModulePath(), "utf8"),
            await conditionKeysModule(),
            "components/aws/grants/condition-keys.ts is stale: run npx ts-node --transpile-only scripts/generate-aws-condition-keys.ts",
        );
    });
});
