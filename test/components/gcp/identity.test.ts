import * as assert from "node:assert/strict";
import fc from "fast-check";
import { ACCOUNT_ID_PATTERN, deriveAccountId } from "../../../components/gcp";
import { isDefaultServiceAccount } from "../../../components/gcp/identity";

describe("GCP service account IDs", () => {
    it("derives a valid, stable ID from any component name and role", () => {
        fc.assert(
            fc.property(
                fc.string({ maxLength: 80 }),
                fc.constantFrom("", "build", "trigger"),
                (name, role) => {
                    const id = deriveAccountId(name, role);
                    assert.match(id, ACCOUNT_ID_PATTERN);
                    assert.equal(deriveAccountId(name, role), id);
                },
            ),
        );
    });

    it("keeps a short clean name as it is and hashes long names apart", () => {
        assert.equal(deriveAccountId("thumbnails"), "thumbnails");
        const a = deriveAccountId("a-very-long-function-name-that-goes-on-and-on");
        const b = deriveAccountId("a-very-long-function-name-that-goes-on-and-off");
        assert.equal(a.length, 30);
        assert.notEqual(a, b);
    });

    it("never gives the runtime and build accounts of a function the same ID", () => {
        fc.assert(
            fc.property(fc.string({ maxLength: 60 }), (name) => {
                assert.notEqual(deriveAccountId(name), deriveAccountId(name, "build"));
            }),
        );
        assert.notEqual(deriveAccountId("api-build"), deriveAccountId("api", "build"));
    });

    it("recognises the default compute and App Engine accounts", () => {
        assert.ok(isDefaultServiceAccount("123456789012-compute@developer.gserviceaccount.com"));
        assert.ok(isDefaultServiceAccount("acme-prod@appspot.gserviceaccount.com"));
        assert.ok(!isDefaultServiceAccount("ingest@acme-prod.iam.gserviceaccount.com"));
    });
});
