import * as assert from "assert";
import { gcpFunctionIngressInternal as policy } from "../../../../policypack/policies/gcp/gcp-function-ingress-internal";
import { runResourcePolicy, UNKNOWN, type HarnessOptions } from "../../harness";
import { gen1, gen2, runService, type FixtureResource } from "./fixtures";

function judge(resource: FixtureResource, options?: HarnessOptions) {
    return runResourcePolicy(policy, resource, options);
}

const openGen2: FixtureResource = {
    type: "gcp:cloudfunctionsv2/function:Function",
    name: "api",
    props: { serviceConfig: { ingressSettings: "ALLOW_ALL" } },
};

describe("gcp-function-ingress-internal", () => {
    it("passes internal-only and internal-and-load-balancer ingress on every function type", async () => {
        const lb = {
            ...runService("lb"),
            props: { ingress: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER" },
        };
        for (const fn of [gen1("a"), gen2("b"), runService("c"), lb]) {
            assert.deepStrictEqual((await judge(fn)).violations, [], fn.name);
        }
    });

    it("reports ingress open to all traffic, naming the setting", async () => {
        const result = await judge(openGen2);
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "gcp:cloudfunctionsv2/function:Function 'api' sets serviceConfig.ingressSettings to 'ALLOW_ALL' and is not declared public [Ingress::ALLOW_ALL]",
            ],
        );
    });

    it("reports unset ingress, which defaults to all traffic on gen1 and Cloud Run", async () => {
        const gen1Open = await judge({
            type: "gcp:cloudfunctions/function:Function",
            name: "old",
            props: { runtime: "go122" },
        });
        assert.deepStrictEqual(
            gen1Open.violations.map((v) => v.findingKey),
            ["gcp-function-ingress-internal[Ingress::default]"],
        );
        const run = await judge({
            type: "gcp:cloudrunv2/service:Service",
            name: "svc",
            props: { template: {} },
        });
        assert.match(
            run.violations[0]?.message ?? "",
            /sets no ingress, which defaults to all traffic/,
        );
    });

    it("passes a function declared public by its label or by config", async () => {
        const labelled = {
            ...openGen2,
            props: { ...openGen2.props, labels: { "perimeter-public": "true" } },
        };
        assert.deepStrictEqual((await judge(labelled)).violations, []);
        const named = await judge(openGen2, { config: { publicFunctions: ["ap*"] } });
        assert.deepStrictEqual(named.violations, []);
    });

    it("is not applicable to other resources", async () => {
        const result = await judge({ type: "gcp:storage/bucket:Bucket", name: "b", props: {} });
        assert.match(result.notApplicable ?? "", /only applies/);
    });

    it("hides an exempted function", async () => {
        const result = await judge(openGen2, {
            config: { exemptions: [{ resource: "api", reason: "Fronted by Cloud Armor" }] },
        });
        assert.deepStrictEqual(result.violations, []);
        assert.strictEqual(result.exemptions.length, 1);
    });

    it("cannot run during preview while the ingress setting is unknown", async () => {
        const result = await judge({
            ...openGen2,
            props: { serviceConfig: { ingressSettings: UNKNOWN } },
        });
        assert.match(result.unknown ?? "", /ingressSettings can't be known during preview/);
    });
});
