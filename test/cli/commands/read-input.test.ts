/** One input-size limit for stack exports from files and from standard input (issue 17). */
import * as assert from "node:assert/strict";
import { constants } from "node:buffer";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MAX_INPUT_BYTES, readAll, readExportFile } from "../../../cli/commands/read-input";
import { UsageError } from "../../../cli/engine/errors";

describe("reading stack exports", () => {
    it("stops reading standard input as soon as it passes the limit", async () => {
        let produced = 0;
        async function* endless(): AsyncGenerator<Buffer> {
            for (;;) {
                produced += 1024;
                yield await Promise.resolve(Buffer.alloc(1024));
            }
        }
        await assert.rejects(
            readAll(endless(), "standard input", 10 * 1024),
            (error: unknown) =>
                error instanceof UsageError &&
                /^standard input is larger than 10,240 bytes, the largest stack export perimeter reads/.test(
                    error.message,
                ),
        );
        assert.ok(produced <= 11 * 1024, `read ${produced} bytes`);
    });

    it("refuses a file over the limit before reading it, and reads one under it", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-input-"));
        const file = path.join(dir, "big.json");
        fs.writeFileSync(file, "x".repeat(2048));
        await assert.rejects(readExportFile(file, 1024), /`.*big\.json` is larger than/);
        assert.equal((await readExportFile(file, 4096)).length, 2048);
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("allows what the longest string this Node can hold allows", () => {
        assert.equal(MAX_INPUT_BYTES, constants.MAX_STRING_LENGTH);
    });
});
