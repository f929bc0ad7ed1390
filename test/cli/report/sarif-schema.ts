import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

/**
 * The official SARIF 2.1.0 schema, as shipped by @microsoft/jest-sarif. It is draft-04 (`id`, not
 * `$id`) and uses nothing else draft-04-only, so Ajv 8 reads it once the id keyword is renamed. Its
 * `language` pattern has a stray `]` that only non-unicode regular expressions accept, as the
 * ECMAScript regexes draft-04 validators used did; hence `unicodeRegExp: false`.
 */
let compiled: ValidateFunction | undefined;

export function sarifValidator(): ValidateFunction {
    if (compiled !== undefined) return compiled;
    const schemaFile = path.join(
        require.resolve("@microsoft/jest-sarif/package.json"),
        "..",
        "lib/schemas/sarif-2.1.0-rtm.5.json",
    );
    const { id, ...schema } = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
    delete schema.$schema;
    const ajv = new Ajv({ allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    compiled = ajv.compile({ $id: id, ...schema });
    return compiled;
}

export function assertValidSarif(text: string): void {
    const validate = sarifValidator();
    const valid = validate(JSON.parse(text));
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
}
