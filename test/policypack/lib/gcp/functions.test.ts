import * as assert from "assert";
import { unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";
import {
    defaultAccountKind,
    serviceAccountEmailOf,
} from "../../../../policypack/lib/gcp/functions";
import { readKnown } from "../../../../policypack/lib/known-value";
import { UNKNOWN } from "../../harness";

describe("GCP service account values", () => {
    it("reads the email from every form the provider accepts, lower-cased", () => {
        const email = "fn@shop.iam.gserviceaccount.com";
        assert.deepStrictEqual(
            [
                email,
                `serviceAccount:${email}`,
                `projects/shop/serviceAccounts/${email}`,
                "FN@SHOP.IAM.GSERVICEACCOUNT.COM",
            ].map(serviceAccountEmailOf),
            [email, email, email, email],
        );
        assert.deepStrictEqual(["", "user", 3, undefined, "a@b@c"].map(serviceAccountEmailOf), [
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
        ]);
    });

    it("recognises the default Compute Engine and App Engine accounts", () => {
        assert.deepStrictEqual(
            [
                "123-compute@developer.gserviceaccount.com",
                "shop@appspot.gserviceaccount.com",
                "fn@shop.iam.gserviceaccount.com",
            ].map(defaultAccountKind),
            ["Compute Engine default", "App Engine default", undefined],
        );
    });
});

describe("reading a value that may be unknown", () => {
    const props = unknownCheckingProxy({ member: UNKNOWN, role: "roles/x" }) as Record<
        string,
        unknown
    >;

    it("returns known values and says when the SDK's proxy found an unknown", () => {
        assert.deepStrictEqual(
            readKnown(() => props["role"]),
            { known: true, value: "roles/x" },
        );
        assert.deepStrictEqual(
            readKnown(() => props["member"]),
            { known: false },
        );
        assert.throws(() => props["member"], UnknownValueError);
    });

    it("lets every other error through", () => {
        assert.throws(
            () =>
                readKnown(() => {
                    throw new TypeError("bug");
                }),
            TypeError,
        );
    });
});
