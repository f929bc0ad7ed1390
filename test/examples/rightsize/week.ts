/**
 * A week of logs for an example stack, written where and as each cloud delivers them:
 * - CloudTrail: gzip files of `{"Records": [...]}` per hour under
 *   `AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/`, beside a digest file that is no record
 *   at all (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/get-and-view-cloudtrail-log-files.html,
 *   https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-digest-file-structure.html);
 * - Cloud Audit Logs: one `gcloud logging read --format=json` array per day;
 * - Azure: resource logs as a diagnostic setting writes them to a storage account (JSON Lines,
 *   `.../y=<yyyy>/m=<mm>/d=<dd>/h=<hh>/m=00/PT1H.json`), and one activity log export
 *   (`az monitor activity-log list`, a JSON array).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import type { StackSnapshot } from "../../../cli/engine/types";
import { graphResourcesOf } from "../../../cli/graph/resources";
import { grantsOf } from "../../cli/rightsize/compare-fixtures";
import { logDir } from "../../cli/rightsize/log-fixtures";

/** Monday 23 November 2026, 00:00 UTC. */
export const WEEK_START = Date.parse("2026-11-23T00:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** `perWeekday` moments on each working day, a quarter of that at the weekend, over working hours. */
export function* week(
    perWeekday: number,
): Generator<{ readonly time: string; readonly n: number }> {
    let n = 0;
    for (let day = 0; day < 7; day += 1) {
        const count = day >= 5 ? Math.ceil(perWeekday / 4) : perWeekday;
        for (let i = 0; i < count; i += 1) {
            const ms =
                WEEK_START +
                day * DAY +
                7 * HOUR +
                Math.floor((i * 12 * HOUR) / count) +
                ((n * 7919) % 60_000);
            yield { time: new Date(ms).toISOString(), n };
            n += 1;
        }
    }
}

/** Seconds later than an ISO time: the next step of the same piece of work. */
export const later = (time: string, seconds: number): string =>
    new Date(Date.parse(time) + seconds * 1000).toISOString();

/** An output of a resource of the snapshot, by type and name. */
export function output(snapshot: StackSnapshot, type: string, name: string, key: string): string {
    const resource = snapshot.resources.find((r) => r.type === type && r.name === name);
    const value = key === "id" ? resource?.id : resource?.outputs[key];
    if (typeof value !== "string") throw new Error(`no ${key} output of ${type} '${name}'`);
    return value;
}

function timeOf(record: unknown): string {
    const r = record as Record<string, unknown>;
    const time = r["eventTime"] ?? r["timestamp"] ?? r["time"] ?? r["eventTimestamp"];
    return typeof time === "string" ? time : "";
}

function byHour(records: readonly unknown[]): Map<string, unknown[]> {
    const hours = new Map<string, unknown[]>();
    for (const record of [...records].sort((a, b) => timeOf(a).localeCompare(timeOf(b)))) {
        const hour = timeOf(record).slice(0, 13);
        hours.set(hour, [...(hours.get(hour) ?? []), record]);
    }
    return hours;
}

/** CloudTrail's delivery: a gzip file per hour, and a digest file; the directory to give `--logs`. */
export function writeCloudTrail(records: readonly unknown[], account = "123456789012"): string {
    const root = logDir();
    const base = path.join(root, "AWSLogs", account);
    for (const [hour, list] of byHour(records)) {
        const [date = "", hh = ""] = hour.split("T");
        const [y = "", m = "", d = ""] = date.split("-");
        const dir = path.join(base, "CloudTrail", "us-east-1", y, m, d);
        fs.mkdirSync(dir, { recursive: true });
        const file = `${account}_CloudTrail_us-east-1_${y}${m}${d}T${hh}00Z_Ex4mPlE.json.gz`;
        fs.writeFileSync(path.join(dir, file), gzipSync(JSON.stringify({ Records: list })));
    }
    const digest = path.join(base, "CloudTrail-Digest", "us-east-1", "2026", "11", "23");
    fs.mkdirSync(digest, { recursive: true });
    fs.writeFileSync(
        path.join(
            digest,
            `${account}_CloudTrail-Digest_us-east-1_trail_us-east-1_20261123T010000Z.json.gz`,
        ),
        gzipSync(
            JSON.stringify({
                awsAccountId: account,
                digestStartTime: "2026-11-23T00:00:00Z",
                digestEndTime: "2026-11-23T01:00:00Z",
                digestS3Bucket: "trail-bucket",
                logFiles: [],
            }),
        ),
    );
    return root;
}

/** One `gcloud logging read --format=json` array per day; the directory. */
export function writeCloudAuditLogs(entries: readonly unknown[]): string {
    const root = logDir();
    const days = new Map<string, unknown[]>();
    for (const [hour, list] of byHour(entries)) {
        const day = hour.slice(0, 10);
        days.set(day, [...(days.get(day) ?? []), ...list]);
    }
    for (const [day, list] of days) {
        // gcloud prints the newest entry first.
        fs.writeFileSync(
            path.join(root, `audit-${day}.json`),
            JSON.stringify([...list].reverse(), null, 2),
        );
    }
    return root;
}

/** Resource logs in a diagnostic setting's folders, hour by hour, and the activity log; the directory. */
export function writeAzureLogs(
    resourceLogs: readonly unknown[],
    activity: readonly unknown[],
): string {
    const root = logDir();
    for (const [hour, list] of byHour(resourceLogs)) {
        const [date = "", hh = ""] = hour.split("T");
        const [y = "", m = "", d = ""] = date.split("-");
        const dir = path.join(
            root,
            "insights-logs-storage",
            `y=${y}`,
            `m=${m}`,
            `d=${d}`,
            `h=${hh}`,
            "m=00",
        );
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(
            path.join(dir, "PT1H.json"),
            list.map((r) => JSON.stringify(r)).join("\n"),
        );
    }
    fs.writeFileSync(path.join(root, "activity-log.json"), JSON.stringify(activity, null, 2));
    return root;
}

/** How the logs name each function's identity (role ARN, object ID, email), by function name. */
export function principals(snapshot: StackSnapshot): Map<string, string> {
    const byName = new Map<string, string>();
    for (const grants of grantsOf(graphResourcesOf(snapshot.resources))) {
        const [fn] = grants.functions;
        const [principal] = grants.principals;
        if (fn !== undefined && principal !== undefined) byName.set(fn.name, principal);
    }
    return byName;
}

/** The principal of one function; throws when the stack has no such function. */
export function principalOf(snapshot: StackSnapshot, fn: string): string {
    const principal = principals(snapshot).get(fn);
    if (principal === undefined) throw new Error(`no principal for function '${fn}'`);
    return principal;
}
