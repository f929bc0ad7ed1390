/**
 * Which Lambda functions a CloudTrail trail records data events for, from `eventSelectors`
 * (dataResources of type AWS::Lambda::Function) or `advancedEventSelectors` (eventCategory Data,
 * resources.type AWS::Lambda::Function). Selector values unknown in preview fall back to the trail's
 * property dependencies: a function the selectors depend on is one they name.
 */
import { knownValue, readKnown } from "../known-value";
import type { StackResource } from "../stack/resource";

const LAMBDA_RESOURCE_TYPE = "AWS::Lambda::Function";

/** What a trail's selectors cover: every function, ARN prefixes, and dependency URNs. */
export interface LambdaCoverage {
    readonly all: boolean;
    readonly arns: readonly string[];
    readonly dependencyUrns: ReadonlySet<string>;
}

function records(value: unknown): readonly Readonly<Record<string, unknown>>[] {
    return Array.isArray(value)
        ? (value as unknown[]).filter(
              (v): v is Record<string, unknown> =>
                  typeof v === "object" && v !== null && !Array.isArray(v),
          )
        : [];
}

function strings(value: unknown): string[] {
    return Array.isArray(value)
        ? (value as unknown[]).filter((v): v is string => typeof v === "string")
        : [];
}

interface Collected {
    all: boolean;
    arns: string[];
    unknown: boolean;
}

function classic(selectors: unknown, into: Collected): void {
    for (const selector of records(selectors)) {
        for (const data of records(knownValue(() => selector["dataResources"]))) {
            if (data["type"] !== LAMBDA_RESOURCE_TYPE) {
                continue;
            }
            const values = readKnown(() => data["values"]);
            if (!values.known) {
                into.unknown = true;
                continue;
            }
            for (const v of strings(values.value)) {
                // `arn:aws:lambda` alone selects every function in the account.
                if (/^arn:aws[a-z-]*:lambda:?$/.test(v)) {
                    into.all = true;
                } else {
                    into.arns.push(v);
                }
            }
        }
    }
}

function advanced(selectors: unknown, into: Collected): void {
    for (const selector of records(selectors)) {
        const fields = records(knownValue(() => selector["fieldSelectors"]));
        const equals = (field: string) =>
            strings(fields.find((f) => f["field"] === field)?.["equals"]);
        if (
            !equals("eventCategory").includes("Data") ||
            !equals("resources.type").includes(LAMBDA_RESOURCE_TYPE)
        ) {
            continue;
        }
        const arnField = fields.find((f) => f["field"] === "resources.ARN");
        if (arnField === undefined) {
            into.all = true;
            continue;
        }
        const starts = readKnown(() => arnField["startsWiths"]);
        const exact = readKnown(() => arnField["equals"]);
        if (!starts.known || !exact.known) {
            into.unknown = true;
        }
        into.arns.push(
            ...strings(starts.known ? starts.value : []),
            ...strings(exact.known ? exact.value : []),
        );
    }
}

export function lambdaCoverage(trail: StackResource): LambdaCoverage {
    const collected: Collected = { all: false, arns: [], unknown: false };
    const selectors = readKnown(() => trail.props["eventSelectors"]);
    const advancedSelectors = readKnown(() => trail.props["advancedEventSelectors"]);
    if (!selectors.known || !advancedSelectors.known) {
        collected.unknown = true;
    }
    classic(selectors.known ? selectors.value : [], collected);
    advanced(advancedSelectors.known ? advancedSelectors.value : [], collected);
    const dependencyUrns = new Set<string>();
    if (collected.unknown) {
        for (const property of ["eventSelectors", "advancedEventSelectors"]) {
            for (const dependency of trail.propertyDependencies?.[property] ?? []) {
                dependencyUrns.add(dependency.urn);
            }
        }
    }
    return { all: collected.all, arns: collected.arns, dependencyUrns };
}

/** Whether the coverage includes a function, by its ARN (a selector value is an ARN prefix) or URN. */
export function covers(
    coverage: LambdaCoverage,
    fn: StackResource,
    arn: string | undefined,
): boolean {
    if (coverage.all || coverage.dependencyUrns.has(fn.urn)) {
        return true;
    }
    return arn !== undefined && coverage.arns.some((prefix) => arn.startsWith(prefix));
}
