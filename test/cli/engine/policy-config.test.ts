import { strict as assert } from "assert";
import { UsageError } from "../../../cli/engine/errors";
import { readPolicyConfigFile, reconcilePolicyConfig } from "../../../cli/engine/policy-config";
import type { PolicyConfigFile, PolicyPackDescriptor } from "../../../cli/engine/types";

const pack: PolicyPackDescriptor = {
    name: "pack",
    version: "1.0.0",
    policies: [
        {
            name: "no-admin",
            displayName: "",
            description: "",
            enforcementLevel: "mandatory",
            severity: "high",
            tags: [],
            remediationSteps: "",
            kind: "resource",
            configSchema: {
                properties: {
                    maxActions: { type: "integer", minimum: 1, default: 10 },
                    allowed: { type: "array", items: { type: "string" } },
                },
            },
        },
        {
            name: "has-tags",
            displayName: "",
            description: "",
            enforcementLevel: "advisory",
            severity: "low",
            tags: [],
            remediationSteps: "",
            kind: "resource",
        },
    ],
};

function reconcile(file?: PolicyConfigFile) {
    return reconcilePolicyConfig(pack, {}, readPolicyConfigFile(file, [pack]));
}

describe("policy config", function () {
    it("starts from each policy's level and its schema defaults", function () {
        assert.deepEqual(reconcile(), {
            "no-admin": { enforcementLevel: "mandatory", properties: { maxActions: 10 } },
            "has-tags": { enforcementLevel: "advisory", properties: {} },
        });
    });

    it("applies `all` first, then per-policy levels and properties over the defaults", function () {
        const config = reconcile({
            all: "disabled",
            "no-admin": { enforcementLevel: "advisory", allowed: ["s3:GetObject"] },
        });
        assert.deepEqual(config["no-admin"], {
            enforcementLevel: "advisory",
            properties: { maxActions: 10, allowed: ["s3:GetObject"] },
        });
        assert.equal(config["has-tags"]?.enforcementLevel, "disabled");
    });

    it("applies the pack's initial config before the file", function () {
        const config = reconcilePolicyConfig(
            pack,
            { "no-admin": { enforcementLevel: "advisory", properties: { maxActions: 3 } } },
            readPolicyConfigFile({ "no-admin": { maxActions: 4 } }, [pack]),
        );
        assert.deepEqual(config["no-admin"], {
            enforcementLevel: "advisory",
            properties: { maxActions: 4 },
        });
    });

    it("rejects a policy no pack defines and lists the known ones", function () {
        assert.throws(
            () => reconcile({ "no-admins": "mandatory" }),
            (error: Error) =>
                error instanceof UsageError &&
                error.message ===
                    "the policy config names 'no-admins', which no policy pack defines; known policies: has-tags, no-admin",
        );
    });

    it("rejects an enforcement level that does not exist", function () {
        assert.throws(
            () => reconcile({ "no-admin": "strict" }),
            /has enforcement level "strict"; use one of advisory, mandatory/,
        );
        assert.throws(
            () => reconcile({ all: { enforcementLevel: 3 } }),
            /'all' has enforcement level 3/,
        );
    });

    it("rejects properties that fail the policy's configSchema and names each problem", function () {
        assert.throws(
            () => reconcile({ "no-admin": { maxActions: 0, allowed: "s3:*" } }),
            /the policy config for 'no-admin' does not match its configSchema: 'maxActions' must be >= 1; 'allowed' must be array/,
        );
    });

    it("rejects a file that is not an object of policies", function () {
        assert.throws(
            () => reconcile([] as unknown as PolicyConfigFile),
            /must be a JSON object keyed by policy name/,
        );
        assert.throws(
            () => reconcile({ "no-admin": 5 } as unknown as PolicyConfigFile),
            /must be an enforcement level or an object/,
        );
    });
});
