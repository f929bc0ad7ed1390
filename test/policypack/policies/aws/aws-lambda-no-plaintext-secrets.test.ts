import * as assert from "assert";
import { awsLambdaNoPlaintextSecrets as policy } from "../../../../policypack/policies/aws/aws-lambda-no-plaintext-secrets";
import { type HarnessOptions, runResourcePolicy, UNKNOWN, UNKNOWN_OBJECT } from "../../harness";

function judge(variables: unknown, options?: HarnessOptions) {
    return runResourcePolicy(
        policy,
        {
            type: "aws:lambda/function:Function",
            name: "fn",
            props: { role: "arn:aws:iam::1:role/r", environment: { variables } },
        },
        options,
    );
}

// Built from parts so no scanner mistakes this test for a leak.
const ACCESS_KEY_ID = ["AKIA", "IOSFODNN7", "EXAMPLE"].join("");
const PRIVATE_KEY = [
    "-----BEGIN RSA PRIVATE",
    "KEY-----\nMIIEow...\n-----END RSA PRIVATE KEY-----",
].join(" ");

describe("aws-lambda-no-plaintext-secrets", () => {
    it("passes references to secrets and ordinary settings", async () => {
        const result = await judge({
            TABLE_NAME: "orders",
            DB_SECRET_ARN: "arn:aws:secretsmanager:eu-west-1:1:secret:db",
            API_TOKEN_PARAMETER: "/prod/api/token",
            DATABASE_URL: "postgres://app@db.internal:5432/orders",
            LOG_LEVEL: "info",
        });
        assert.deepStrictEqual(result.violations, []);
    });

    it("reports credential formats, private keys, URL passwords and secret-named literals, redacted", async () => {
        const result = await judge({
            AWS_KEY: ACCESS_KEY_ID,
            SIGNING_KEY: PRIVATE_KEY,
            DATABASE_URL: "postgres://app:s3cr3t-pa55@db.internal:5432/orders",
            STRIPE_PASSWORD: "correct-horse-battery",
        });
        const messages = result.violations.map((v) => v.message);
        assert.deepStrictEqual(messages, [
            "aws:lambda/function:Function 'fn' environment variable 'AWS_KEY' holds an AWS access key id in plain text: (redacted, 20 characters) [Variable::AWS_KEY]",
            "aws:lambda/function:Function 'fn' environment variable 'DATABASE_URL' holds a password in a URL in plain text: (redacted, 50 characters) [Variable::DATABASE_URL]",
            `aws:lambda/function:Function 'fn' environment variable 'SIGNING_KEY' holds a private key in plain text: (redacted, ${PRIVATE_KEY.length} characters) [Variable::SIGNING_KEY]`,
            "aws:lambda/function:Function 'fn' environment variable 'STRIPE_PASSWORD' holds a literal value under a secret-sounding name in plain text: (redacted, 21 characters) [Variable::STRIPE_PASSWORD]",
        ]);
        assert.ok(messages.every((m) => !m.includes("s3cr3t") && !m.includes("horse")));
    });

    it("skips values unknown in preview and judges the others", async () => {
        const result = await judge({ TABLE: UNKNOWN, API_TOKEN: "tok_0123456789abcdef" });
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            ["aws-lambda-no-plaintext-secrets[Variable::API_TOKEN]"],
        );
        assert.strictEqual(result.unknown, undefined);
    });

    it("cannot run while the whole variables map is unknown", async () => {
        assert.match((await judge(UNKNOWN_OBJECT)).unknown ?? "", /environment\.variables/);
    });

    it("follows ignoredVariables from config and exemptions", async () => {
        assert.deepStrictEqual(
            (
                await judge(
                    { PUBLIC_API_KEY: "pk_live_0123456789" },
                    { config: { ignoredVariables: ["public_*"] } },
                )
            ).violations,
            [],
        );
        const exempted = await judge(
            { API_TOKEN: "tok_0123456789abcdef" },
            { config: { exemptions: [{ resource: "fn", reason: "Test token for the sandbox" }] } },
        );
        assert.deepStrictEqual(exempted.violations, []);
    });

    it("is not applicable to other resource types", async () => {
        assert.ok(
            (await runResourcePolicy(policy, { type: "aws:iam/role:Role", name: "r", props: {} }))
                .notApplicable,
        );
    });
});
