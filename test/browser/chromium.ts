/**
 * Headless Chromium for the browser tests: Debian's `chromium` package (.ci/run installs it), driven
 * by playwright-core. Offline by construction: no first-run, sync, component-update or background
 * traffic, and a fresh profile per launch.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/**
 * Why the browser tests cannot run here, or undefined when they can. Missing Chromium skips them on
 * a developer machine; under CI (env CI set) the caller fails instead, so CI cannot pass by skipping.
 */
export function chromiumMissing(): string | undefined {
    return fs.existsSync(CHROMIUM_PATH)
        ? undefined
        : `${CHROMIUM_PATH} not found (install the Debian package \`chromium\`, as .ci/run does)`;
}

export interface Browser {
    readonly context: BrowserContext;
    close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-chromium-"));
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1400, height: 1000 },
        timeout: 30_000,
    });
    return {
        context,
        async close() {
            await context.close();
            fs.rmSync(profile, { recursive: true, force: true });
        },
    };
}
