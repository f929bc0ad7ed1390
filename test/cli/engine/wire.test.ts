import { strict as assert } from "assert";
import {
    fromWire,
    RESOURCE_SIG,
    SECRET_SIG,
    SIG_KEY,
    toWire,
    UNKNOWN_SENTINEL,
} from "../../../cli/engine/wire";

describe("wire values", function () {
    it("reads the unknown sentinel, including the typed ones @pulumi/policy knows, as unknown", function () {
        assert.deepEqual(fromWire(UNKNOWN_SENTINEL), { __unknown: true });
        assert.deepEqual(fromWire(["1c4a061d-8072-4f0a-a4cb-0ff528b18fe7"]), [{ __unknown: true }]);
    });

    it("reads a secret as a secret and writes it back in the protocol's form", function () {
        const wire = { [SIG_KEY]: SECRET_SIG, value: { token: UNKNOWN_SENTINEL } };
        const value = fromWire(wire);
        assert.deepEqual(value, { __secret: true, value: { token: { __unknown: true } } });
        assert.deepEqual(toWire(value), wire);
    });

    it("turns resource references into the ID of a custom resource or the URN of a component", function () {
        const urn = "urn:pulumi:dev::app::aws:iam/role:Role::r";
        assert.equal(fromWire({ [SIG_KEY]: RESOURCE_SIG, urn, id: "r-123" }), "r-123");
        assert.deepEqual(fromWire({ [SIG_KEY]: RESOURCE_SIG, urn, id: "" }), { __unknown: true });
        assert.equal(
            fromWire({ [SIG_KEY]: RESOURCE_SIG, urn: "urn:pulumi:dev::app::x:y:Z::c" }),
            "urn:pulumi:dev::app::x:y:Z::c",
        );
    });

    it("round-trips plain JSON unchanged", function () {
        const plain = { a: [1, "two", null, true], b: { c: {} } };
        assert.deepEqual(toWire(fromWire(plain)), plain);
    });
});
