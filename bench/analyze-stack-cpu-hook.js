"use strict";
// Measures a policy pack's AnalyzeStack requests from inside the pack process, for any commit of any
// pack (bench/run.ts measures ours from the CLI's side; this one also works on an old checkout, whose
// bench cannot). Preload it into the pack processes:
//
//   PACK_CPU_OUT=/tmp/stack-cpu NODE_OPTIONS="--require $PWD/bench/analyze-stack-cpu-hook.js" <driver>
//
// Each pack process writes `<PACK_CPU_OUT>/<pid>.json` when it exits: one entry per AnalyzeStack
// request with the process's CPU seconds and wall milliseconds from the request to the response. It
// wraps `@grpc/grpc-js`'s `Server.prototype.addService`, through which the SDK's server (and ours,
// policypack/lib/serve/serve.ts) registers the analyzer's handlers. Processes that never register an
// analyzer write nothing.
const fs = require("fs");
const path = require("path");
const Module = require("module");
const { performance } = require("perf_hooks");

const out = process.env.PACK_CPU_OUT;
if (out !== undefined && out !== "") {
    const requests = [];
    const patched = new Set();
    const load = Module._load;
    Module._load = function (request, ...rest) {
        const loaded = load.call(this, request, ...rest);
        if (request === "@grpc/grpc-js" && loaded.Server && !patched.has(loaded.Server)) {
            patched.add(loaded.Server);
            const addService = loaded.Server.prototype.addService;
            loaded.Server.prototype.addService = function (service, handlers) {
                const timed = { ...handlers };
                if (typeof handlers.analyzeStack === "function") {
                    timed.analyzeStack = function (call, callback) {
                        const started = performance.now();
                        const cpu = process.cpuUsage();
                        return handlers.analyzeStack.call(this, call, (...answer) => {
                            const used = process.cpuUsage(cpu);
                            requests.push({
                                cpuSeconds: (used.user + used.system) / 1e6,
                                wallMs: performance.now() - started,
                            });
                            callback(...answer);
                        });
                    };
                }
                return addService.call(this, service, timed);
            };
        }
        return loaded;
    };
    const write = () => {
        if (requests.length === 0) return;
        fs.mkdirSync(out, { recursive: true });
        fs.writeFileSync(
            path.join(out, `${process.pid}.json`),
            JSON.stringify({ pack: process.cwd(), argv: process.argv.slice(1), requests }),
        );
    };
    process.on("exit", write);
    for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) {
        process.on(signal, () => process.exit(0));
    }
}
