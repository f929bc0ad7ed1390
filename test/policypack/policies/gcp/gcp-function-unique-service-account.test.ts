import * as assert from "assert";
import { gcpFunctionUniqueServiceAccount as policy } from "../../../../policypack/policies/gcp/gcp-function-unique-service-account";
import { runStackPolicy, UNKNOWN } from "../../harness";
import { account, emailOf, gen1, gen2, projectMember, runGcpStack, runService } from "./fixtures";

const KEY = `gcp-function-unique-service-account[ServiceAccount::${emailOf("shared")}]`;

describe("gcp-function-unique-service-account", () => {
    it("passes functions that each run as their own account", async () => {
        const run = await runGcpStack(policy, [
            gen2("a", emailOf("a")),
            gen1("b", emailOf("b")),
            runService("c", emailOf("c")),
        ]);
        assert.deepStrictEqual(run.messages, []);
    });

    it("reports every function that shares an account, across gen1, gen2 and Cloud Run", async () => {
        const run = await runGcpStack(policy, [
            gen2("a", emailOf("shared")),
            gen1("b", `serviceAccount:${emailOf("shared").toUpperCase()}`),
            runService("c", `projects/${"shop-prod"}/serviceAccounts/${emailOf("shared")}`),
        ]);
        assert.deepStrictEqual(run.on, ["a", "b", "c"]);
        assert.deepStrictEqual(run.findingKeys, [KEY, KEY, KEY]);
        assert.strictEqual(
            run.messages[0],
            `gcp:cloudfunctionsv2/function:Function 'a' runs as ${emailOf("shared")}, which functions 'b', 'c' also run as [ServiceAccount::${emailOf("shared")}]`,
        );
    });

    it("leaves functions on the default account to gcp-function-dedicated-service-account", async () => {
        const run = await runGcpStack(policy, [gen2("a"), gen2("b")]);
        assert.deepStrictEqual(run.messages, []);
    });

    it("is not about stacks without functions", async () => {
        const run = await runGcpStack(policy, [projectMember("m", "roles/viewer", "user:a@b.c")]);
        assert.deepStrictEqual(run.messages, []);
    });

    it("allows accounts listed in config to be shared", async () => {
        const run = await runGcpStack(
            policy,
            [gen2("a", emailOf("shared")), gen2("b", emailOf("shared"))],
            { allowedSharedServiceAccounts: ["shared@*"] },
        );
        assert.deepStrictEqual(run.messages, []);
    });

    it("hides the finding on an exempted function only", async () => {
        const result = await runStackPolicy(
            policy,
            [gen2("a", emailOf("shared")), gen2("b", emailOf("shared"))],
            { config: { exemptions: [{ resource: "b", reason: "Twin deployment, SHOP-9" }] } },
        );
        assert.deepStrictEqual(
            result.violations.map((v) => v.urn?.split("::").pop()),
            ["a"],
        );
        assert.deepStrictEqual(
            result.exemptions.map((e) => e.findingKey),
            [KEY],
        );
    });

    it("links functions through property dependencies while emails are unknown in preview", async () => {
        const run = await runGcpStack(policy, [
            account("shared", UNKNOWN),
            { ...gen2("a", UNKNOWN), dependsOn: { serviceConfig: ["shared"] } },
            { ...gen2("b", UNKNOWN), dependsOn: { serviceConfig: ["shared"] } },
            { ...account("own", UNKNOWN) },
            { ...gen2("c", UNKNOWN), dependsOn: { serviceConfig: ["own"] } },
        ]);
        assert.strictEqual(run.unknown, undefined);
        assert.deepStrictEqual(run.on, ["a", "b"]);
        assert.match(
            run.messages[0] ?? "",
            /runs as service account 'shared', which function 'b' also runs as/,
        );
    });
});
