import { DEFAULT_DIFF_FAIL_LEVEL, DIFF_FAIL_LEVELS, DIFF_FORMATS } from "../diff/compare";
import { GRAPH_FORMATS } from "../graph/render";
import { REPORT_FORMATS } from "../report/input";
import type { CommandName } from "./args";

const COMMON = `Options:
  --policy-pack DIR     a CrossGuard policy pack directory (repeatable; default: perimeter's own pack)
  --policy-config FILE  per-policy config, the JSON of \`pulumi policy enable --config\`
  --protocol            run every pack in a process of its own over the analyzer protocol, as
                        the Pulumi CLI does (default: perimeter's own pack runs in this process,
                        with the same results, faster and in less memory)
  --format FORMAT       ${REPORT_FORMATS.join(" | ")} (default: text)
  -o, --output FILE     write the report to FILE (whole or not at all) instead of standard output
  --fail-on LEVEL       mandatory | advisory | none: exit 1 on findings at or above LEVEL
                        (default: mandatory)
  --debug               show stack traces of errors
  -h, --help            show this help

Exit codes: 0 no findings at or above the fail level, 1 findings, 2 usage or input error.`;

const PREVIEW = `Usage: perimeter preview [DIR] [options]

Runs the Pulumi program in DIR (default: the current directory) offline under Pulumi's mock runtime,
then the policy packs with the Pulumi analyzer protocol's requests, and prints the resources and
the findings.

  --stack NAME          the stack whose Pulumi.<stack>.yaml config to read
  --config KEY=VALUE    set a config value (repeatable), as \`pulumi config set\` would
  --preview             leave computed outputs unknown, as in \`pulumi preview\`
  --transpile-only      compile TypeScript without type checking (as PULUMI_NODEJS_TRANSPILE_ONLY=true);
                        by default a type error fails the preview, as it fails \`pulumi preview\`

${COMMON}`;

const AUDIT = `Usage: perimeter audit FILE|DIR|- ... [options]

Evaluates the policy packs over \`pulumi stack export\` files (deployment version 3). Several files,
or a directory of *.json exports, are evaluated in parallel and reported together; \`-\` reads one
export from standard input.

${COMMON}`;

const GRAPH = `Usage: perimeter graph FILE|DIR|- [options]

Writes the identity graph of a stack: functions, the identities they run as, what each identity is
granted on which resource, who may invoke which function, and which functions anyone may invoke. FILE
(or \`-\`, standard input) is a \`pulumi stack export\`; DIR is a Pulumi program, run offline under mocks
as \`perimeter preview\` runs it. No policy pack is involved.

  --format FORMAT       ${GRAPH_FORMATS.join(" | ")} (default: dot)
  -o, --output FILE     write the graph to FILE (whole or not at all) instead of standard output
  --stack NAME          for DIR: the stack whose Pulumi.<stack>.yaml config to read
  --config KEY=VALUE    for DIR: set a config value (repeatable)
  --preview             for DIR: leave computed outputs unknown, as in \`pulumi preview\`
  --transpile-only      for DIR: compile TypeScript without type checking
  --debug               show stack traces of errors, and the program's own output
  -h, --help            show this help

Exit codes: 0 the graph was written, 2 usage or input error.`;

const DIFF = `Usage: perimeter diff OLD NEW [options]
       perimeter diff --base REF [DIR] [options]

What a change does to each function's permissions: permissions added and removed (action, resource,
conditions, risk category), identities replaced or newly shared, invokers added and removed (public
ones first), and the policy packs' findings that are new or resolved. OLD and NEW are each a
\`pulumi stack export\` file, \`-\` (one side), or a program directory run offline under mocks; with
\`--base REF\` OLD is DIR (default: .) as committed at the git ref REF and NEW is DIR as it is now.
Compare an export with one taken after \`pulumi refresh\` to see drift.

  --format FORMAT       ${DIFF_FORMATS.join(" | ")} (default: text)
  -o, --output FILE     write the diff to FILE (whole or not at all) instead of standard output
  --fail-on LEVEL       ${DIFF_FAIL_LEVELS.join(" | ")}:
                        exit 1 when a permission at or above that risk category is added, a grant
                        whose content cannot be read is added, anyone may newly invoke a function,
                        or a mandatory finding is new; \`any\`: when anything is added
                        (default: ${DEFAULT_DIFF_FAIL_LEVEL})
  --base REF            OLD is the program at git ref REF (a branch, tag or commit)
  --config KEY=VALUE    for program directories: a config value for both sides (repeatable)
  --old-config KEY=VALUE, --new-config KEY=VALUE   a config value for one side (repeatable)
  --stack NAME          for program directories: the stack whose Pulumi.<stack>.yaml to read
  --preview             for program directories: leave computed outputs unknown
  --transpile-only      for program directories: compile TypeScript without type checking
  --policy-pack DIR     a CrossGuard policy pack directory (repeatable; default: perimeter's own pack)
  --policy-config FILE  per-policy config, the JSON of \`pulumi policy enable --config\`
  --protocol            run every pack in a process of its own over the analyzer protocol
  --no-policy           compare permissions and invokers only; run no policy pack
  --debug               show stack traces of errors
  -h, --help            show this help

Exit codes: 0 nothing at or above the fail level was added (a pure narrowing always exits 0),
1 something was, 2 usage or input error.`;

const RIGHTSIZE = `Usage: perimeter rightsize STACK --logs PATH... [options]

Compares what each function's identity is granted with what the clouds' logs show it did (AWS
CloudTrail, Google Cloud Audit Logs, Azure activity and storage logs): permissions used (how often,
first and last seen, on which resources), unused, unobservable (the logs could not show them either way:
never called unused), and refused; then suggests the grants: a component's \`grants: [...]\`, or the
changes and narrowed policies for any other function, never wider than today. STACK is a
\`pulumi stack export\` file, \`-\`, or a program directory run offline under mocks.

  --logs PATH           log files, gzip or not, or directories of them; \`-\` for standard input
                        (repeatable): CloudTrail files (\`{"Records": [...]}\`) or JSON Lines,
                        \`gcloud logging read --format=json\`, \`az monitor activity-log list\`,
                        storage resource logs (PT1H.json, or Log Analytics rows)
  --since DATE          leave out records before DATE (2026-11-27 or 2026-11-27T08:00:00Z)
  --format FORMAT       text | json | markdown (default: text)
  -o, --output FILE     write the report to FILE (whole or not at all) instead of standard output
  --stack NAME          for a program directory: the stack whose Pulumi.<stack>.yaml config to read
  --config KEY=VALUE    for a program directory: set a config value (repeatable)
  --preview             for a program directory: leave computed outputs unknown
  --transpile-only      for a program directory: compile TypeScript without type checking
  --debug               show stack traces of errors
  -h, --help            show this help

Exit codes: 0 the report was written, 2 usage or input error, or no record could be used.`;

const GENERAL = `Usage: perimeter <command> [options]

Least-privilege checks for serverless Pulumi stacks, offline.

Commands:
  preview [DIR]         run a Pulumi program under mocks and evaluate the policy packs on it
  audit FILE|DIR|-      evaluate the policy packs on \`pulumi stack export\` files
  graph FILE|DIR|-      write the identity graph of a stack (dot, mermaid, svg, json)
  diff OLD NEW          what a change or a drift does to each function's permissions
  rightsize STACK --logs PATH   each function's grants against what its logs show it did

  perimeter <command> --help   options of a command
  perimeter --version          the version of perimeter`;

const TOPICS: Readonly<Record<CommandName, string>> = {
    preview: PREVIEW,
    audit: AUDIT,
    graph: GRAPH,
    diff: DIFF,
    rightsize: RIGHTSIZE,
};

export function helpText(topic?: CommandName): string {
    const text = topic === undefined ? GENERAL : TOPICS[topic];
    return text + "\n";
}
