import * as assert from "node:assert/strict";
import { colorEnabled, createProgress, type OutputStream } from "../../../cli/terminal";

function fakeStream(isTTY: boolean): OutputStream & { written: string } {
    return {
        isTTY,
        columns: 30,
        written: "",
        write(text: string) {
            this.written += text;
            return true;
        },
    };
}

describe("colorEnabled", () => {
    it("colours a terminal unless NO_COLOR is set or the terminal is dumb", () => {
        assert.equal(colorEnabled(fakeStream(true), {}), true);
        assert.equal(colorEnabled(fakeStream(true), { NO_COLOR: "1" }), false);
        assert.equal(colorEnabled(fakeStream(true), { NO_COLOR: "" }), true);
        assert.equal(colorEnabled(fakeStream(true), { TERM: "dumb" }), false);
    });

    it("never colours a pipe or a file", () => {
        assert.equal(colorEnabled(fakeStream(false), {}), false);
    });
});

describe("createProgress", () => {
    it("prints nothing at all when the stream is not a terminal", () => {
        const stream = fakeStream(false);
        let time = 0;
        const progress = createProgress(stream, { now: () => (time += 1000) });
        progress.update("evaluated 1/2 resources");
        progress.clear();
        assert.equal(stream.written, "");
    });

    it("stays quiet for short work, then rewrites one line, cut to the terminal width", () => {
        const stream = fakeStream(true);
        // Read through a function: assert.equal narrows a property to the literal it compared.
        const written = (): string => stream.written;
        let time = 0;
        const progress = createProgress(stream, { delayMs: 500, intervalMs: 100, now: () => time });
        time = 100;
        progress.update("early");
        assert.equal(written(), "");
        time = 600;
        progress.update("evaluated 10/20 resources of a long file name");
        assert.equal(written(), "\r\x1b[2Kevaluated 10/20 resources of ");
        time = 650;
        progress.update("too soon");
        assert.ok(!written().includes("too soon"));
        progress.clear();
        assert.ok(written().endsWith("\r\x1b[2K"));
    });

    it("erases nothing when it never showed anything", () => {
        const stream = fakeStream(true);
        createProgress(stream, { now: () => 0 }).clear();
        assert.equal(stream.written, "");
    });
});
