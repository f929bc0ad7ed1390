import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";

/** Which provider SDKs a fresh Node process has loaded after running `script`. */
function loadedSdks(script: string): string[] {
    const components = path.resolve(__dirname, "..", "..", "components");
    const probe = `
        const components = ${JSON.stringify(components)};
        ${script}
        const sdks = ["@pulumi/aws", "@pulumi/azure-native", "@pulumi/gcp"];
        const loaded = sdks.filter((sdk) =>
            Object.keys(require.cache).some((file) => file.includes("/node_modules/" + sdk + "/")),
        );
        process.stdout.write(JSON.stringify(loaded));
    `;
    return JSON.parse(
        execFileSync(process.execPath, ["-e", probe], { encoding: "utf8" }),
    ) as string[];
}

describe("loading the components", () => {
    it("loads no provider SDK until a class is used", () => {
        assert.deepEqual(loadedSdks(`require(components);`), []);
    });

    it("loads only the AWS SDK for AwsFunction, from the package root or perimeter/aws", () => {
        assert.deepEqual(
            loadedSdks(`if (typeof require(components).AwsFunction !== "function") throw 1;`),
            ["@pulumi/aws"],
        );
        assert.deepEqual(loadedSdks(`require(components + "/aws");`), ["@pulumi/aws"]);
    });

    it("loads only the Azure SDK for AzureFunction and only the GCP SDK for GcpFunction", () => {
        assert.deepEqual(
            loadedSdks(`if (typeof require(components).AzureFunction !== "function") throw 1;`),
            ["@pulumi/azure-native"],
        );
        assert.deepEqual(
            loadedSdks(`if (typeof require(components).GcpFunction !== "function") throw 1;`),
            ["@pulumi/gcp"],
        );
    });
});
