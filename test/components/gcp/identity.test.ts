import * as assert from "node:assert/strict";
import fc from "fast-check";
import { ACCOUNT_ID_PATTERN, deriveAccountId } from "../../../components/gcp";
import {
    deriveRepositoryId,
    isDefaultServiceAccount,
    REPOSITORY_ID_PATTERN,
} from "../../../components/gcp/identity";

describe("GCP service account IDs", () => {
    it("derives a valid, stable ID from any component name and role", () => {
        fc.assert(
            fc.property(
                fc.string({ maxLength: 80 }),
                fc.constantFrom("", "build", "trigger"),
                fc.string({ maxLength: 40 }),
                (name, role, scope) => {
                    const id = deriveAccountId(name, role, scope);
                    assert.match(id, ACCOUNT_ID_PATTERN);
                    assert.equal(deriveAccountId(name, role, scope), id);
                },
            ),
        );
    });

    it("derives a valid, stable image repository ID from any component name, unique per stack", () => {
        fc.assert(
            fc.property(
                fc.string({ maxLength: 80 }),
                fc.string({ maxLength: 40 }),
                (name, scope) => {
                    const id = deriveRepositoryId(name, scope);
                    assert.match(id, REPOSITORY_ID_PATTERN);
                    assert.equal(deriveRepositoryId(name, scope), id);
                },
            ),
        );
        assert.notEqual(
            deriveRepositoryId("api", "shop/dev"),
            deriveRepositoryId("api", "shop/prod"),
        );
    });

    it("gives the same function different IDs in two stacks of one project, and names it readably", () => {
        const dev = deriveAccountId("api", "", "shop/dev");
        const prod = deriveAccountId("api", "", "shop/prod");
        assert.notEqual(dev, prod);
        assert.match(dev, /^api-[0-9a-f]{6}$/);
        assert.notEqual(
            deriveAccountId("api", "", "shop/dev"),
            deriveAccountId("api", "", "blog/dev"),
        );
        const a = deriveAccountId("a-very-long-function-name-that-goes-on-and-on", "", "shop/dev");
        const b = deriveAccountId("a-very-long-function-name-that-goes-on-and-off", "", "shop/dev");
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
