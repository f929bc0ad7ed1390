import * as assert from "node:assert/strict";
import { mapWithWorkers } from "../../../cli/commands/pool";

/** A task whose completion the test controls, to observe how many run at once. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
    let resolve = (): void => undefined;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
}

describe("mapWithWorkers", () => {
    it("never runs more tasks at once than there are workers, and keeps results in input order", async () => {
        let running = 0;
        let peak = 0;
        const results = await mapWithWorkers([5, 1, 4, 2, 3], 2, async (n) => {
            running++;
            peak = Math.max(peak, running);
            // Later items finish first, to show the order does not come from completion.
            for (let i = 0; i < n; i++) await Promise.resolve();
            running--;
            return n * 10;
        });
        assert.deepEqual(results, [50, 10, 40, 20, 30]);
        assert.equal(peak, 2);
    });

    it("starts no new task after a failure, lets running ones finish, then throws the first error", async () => {
        const started: number[] = [];
        const finished: number[] = [];
        const gate = deferred();
        const run = mapWithWorkers([0, 1, 2, 3], 2, async (n) => {
            started.push(n);
            if (n === 0) throw new Error("first input is broken");
            await gate.promise;
            finished.push(n);
            return n;
        });
        await Promise.resolve();
        gate.resolve();
        await assert.rejects(run, /first input is broken/);
        assert.deepEqual(started, [0, 1]);
        assert.deepEqual(finished, [1]);
    });

    it("returns an empty list for no items", async () => {
        assert.deepEqual(await mapWithWorkers([], 3, () => Promise.resolve(1)), []);
    });
});
