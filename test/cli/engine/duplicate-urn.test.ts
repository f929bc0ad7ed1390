/**
 * Two resources with one URN (same type and name under the same parent): the Pulumi engine refuses the
 * program, so the offline preview does too, instead of recording both and judging them as one.
 */
import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import { failureOf, runComponents } from "../../components/harness";

describe("the offline engine and duplicate URNs", function () {
    this.timeout(60_000);

    it("fails the program on a second resource with the same URN, naming it and the fix", async function () {
        const { message, resources } = await failureOf(() => {
            new aws.iam.Role("app", { assumeRolePolicy: "{}" });
            new aws.iam.Role("app", { assumeRolePolicy: "{}" });
        });
        assert.match(
            message,
            /duplicate resource URN 'urn:pulumi:[^']*::aws:iam\/role:Role::app': two resources of type 'aws:iam\/role:Role' are named 'app' under the same parent; give one of them a unique name/,
        );
        assert.equal(resources.filter((r) => r.name === "app").length, 1);
    });

    it("accepts one name for two types", async function () {
        const run = await runComponents(() => {
            new aws.iam.Role("app", { assumeRolePolicy: "{}" });
            new aws.s3.BucketV2("app");
        });
        assert.equal(run.resources.filter((r) => r.name === "app").length, 2);
    });
});
