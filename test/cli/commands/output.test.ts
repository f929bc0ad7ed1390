import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { exitCodeFor, writeFileAtomic } from "../../../cli/commands/output";
import { UsageError } from "../../../cli/engine/errors";
import { finding } from "../report/evaluations";

describe("writeFileAtomic", () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-output-"));
    });
    afterEach(() => {
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("replaces the file with the whole report and leaves no temporary file", async () => {
        const file = path.join(dir, "report.json");
        fs.writeFileSync(file, "old report");
        await writeFileAtomic(file, "new report\n");
        assert.equal(fs.readFileSync(file, "utf8"), "new report\n");
        assert.deepEqual(fs.readdirSync(dir), ["report.json"]);
    });

    it("fails with a usage error naming the file when its directory does not exist", async () => {
        const file = path.join(dir, "missing", "report.json");
        await assert.rejects(
            writeFileAtomic(file, "x"),
            (error: unknown) =>
                error instanceof UsageError &&
                error.message.includes(file) &&
                error.message.includes("directory does not exist"),
        );
    });

    it("removes its temporary file and leaves the target alone when the rename fails", async () => {
        // A non-empty directory in the way: the write succeeds, the rename cannot.
        const target = path.join(dir, "report.sarif");
        fs.mkdirSync(target);
        fs.writeFileSync(path.join(target, "keep"), "kept");
        await assert.rejects(writeFileAtomic(target, "report"), /it is a directory/);
        assert.deepEqual(fs.readdirSync(dir), ["report.sarif"]);
        assert.equal(fs.readFileSync(path.join(target, "keep"), "utf8"), "kept");
    });

    it("keeps the replaced file's mode", async () => {
        const file = path.join(dir, "report.md");
        fs.writeFileSync(file, "old", { mode: 0o640 });
        fs.chmodSync(file, 0o640);
        await writeFileAtomic(file, "new");
        assert.equal(fs.statSync(file).mode & 0o777, 0o640);
        assert.equal(fs.readFileSync(file, "utf8"), "new");
    });

    it("refuses a read-only file and leaves it and its mode as they were", async () => {
        const file = path.join(dir, "locked.json");
        fs.writeFileSync(file, "kept");
        fs.chmodSync(file, 0o444);
        await assert.rejects(writeFileAtomic(file, "new"), /it is read-only/);
        assert.equal(fs.readFileSync(file, "utf8"), "kept");
        assert.equal(fs.statSync(file).mode & 0o777, 0o444);
        assert.deepEqual(fs.readdirSync(dir), ["locked.json"]);
    });

    it("writes through a symbolic link, which stays a link; refuses a dangling one", async () => {
        const real = path.join(dir, "real.json");
        const link = path.join(dir, "link.json");
        fs.writeFileSync(real, "old");
        fs.symlinkSync(real, link);
        await writeFileAtomic(link, "new");
        assert.ok(fs.lstatSync(link).isSymbolicLink());
        assert.equal(fs.readFileSync(real, "utf8"), "new");
        const dangling = path.join(dir, "dangling.json");
        fs.symlinkSync(path.join(dir, "missing.json"), dangling);
        await assert.rejects(
            writeFileAtomic(dangling, "x"),
            /symbolic link to a file that does not exist/,
        );
        assert.ok(fs.lstatSync(dangling).isSymbolicLink());
    });

    it("writes into a device or a pipe instead of replacing it", async function () {
        await writeFileAtomic("/dev/null", "discarded");
        assert.ok(fs.statSync("/dev/null").isCharacterDevice());
        if (fs.existsSync("/dev/full")) {
            await assert.rejects(writeFileAtomic("/dev/full", "x"), /no space left on the device/);
            assert.ok(fs.statSync("/dev/full").isCharacterDevice());
        }
        const fifo = path.join(dir, "pipe");
        execFileSync("mkfifo", [fifo]);
        const read = new Promise<string>((resolve, reject) => {
            fs.readFile(fifo, "utf8", (error, text) => (error ? reject(error) : resolve(text)));
        });
        await writeFileAtomic(fifo, "through the pipe");
        assert.equal(await read, "through the pipe");
        assert.ok(fs.lstatSync(fifo).isFIFO());
    });
});

describe("exitCodeFor", () => {
    const mandatory = finding({ enforcementLevel: "mandatory" });
    const remediate = finding({ enforcementLevel: "remediate" });
    const advisory = finding({ enforcementLevel: "advisory" });

    it("fails on mandatory (and remediate) findings by default, not on advisory ones", () => {
        assert.equal(exitCodeFor([mandatory], "mandatory"), 1);
        assert.equal(exitCodeFor([remediate], "mandatory"), 1);
        assert.equal(exitCodeFor([advisory], "mandatory"), 0);
    });

    it("fails on advisory findings too with --fail-on advisory", () => {
        assert.equal(exitCodeFor([advisory], "advisory"), 1);
        assert.equal(exitCodeFor([mandatory], "advisory"), 1);
    });

    it("never fails with --fail-on none, and passes a clean stack", () => {
        assert.equal(exitCodeFor([mandatory, advisory], "none"), 0);
        assert.equal(exitCodeFor([], "mandatory"), 0);
    });
});
