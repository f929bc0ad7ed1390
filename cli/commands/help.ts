import { REPORT_FORMATS } from "../report/input";

const COMMON = `Options:
  --policy-pack DIR     a CrossGuard policy pack directory (repeatable; default: perimeter's own pack)
  --policy-config FILE  per-policy config, the JSON of \`pulumi policy enable --config\`
  --format FORMAT       ${REPORT_FORMATS.join(" | ")} (default: text; html is not available yet)
  --output FILE         write the report to FILE (whole or not at all) instead of standard output
  --fail-on LEVEL       mandatory | advisory | none: exit 1 on findings at or above LEVEL
                        (default: mandatory)
  --debug               show stack traces of errors
  -h, --help            show this help

Exit codes: 0 no findings at or above the fail level, 1 findings, 2 usage or input error.`;

const PREVIEW = `Usage: perimeter preview [DIR] [options]

Runs the Pulumi program in DIR (default: the current directory) offline under Pulumi's mock runtime,
then the policy packs over the Pulumi analyzer protocol, and prints the resources and the findings.

  --stack NAME          the stack whose Pulumi.<stack>.yaml config to read
  --config KEY=VALUE    set a config value (repeatable), as \`pulumi config set\` would
  --preview             leave computed outputs unknown, as in \`pulumi preview\`

${COMMON}`;

const AUDIT = `Usage: perimeter audit FILE|DIR|- ... [options]

Evaluates the policy packs over \`pulumi stack export\` files (deployment version 3). Several files,
or a directory of *.json exports, are evaluated in parallel and reported together; \`-\` reads one
export from standard input.

${COMMON}`;

const GENERAL = `Usage: perimeter <command> [options]

Least-privilege checks for serverless Pulumi stacks, offline.

Commands:
  preview [DIR]         run a Pulumi program under mocks and evaluate the policy packs on it
  audit FILE|DIR|-      evaluate the policy packs on \`pulumi stack export\` files

  perimeter <command> --help   options of a command
  perimeter --version          the version of perimeter`;

export function helpText(topic?: "preview" | "audit"): string {
    const text = topic === "preview" ? PREVIEW : topic === "audit" ? AUDIT : GENERAL;
    return text + "\n";
}
