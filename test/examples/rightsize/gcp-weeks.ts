/**
 * A week of Cloud Audit Logs for each Google Cloud example, with the Data Access logs its GcpAuditLogs
 * turns on (DATA_READ, DATA_WRITE for the services its functions use) and the Admin Activity logs that
 * are always written (https://cloud.google.com/logging/docs/audit#types). Each function does what its
 * code says; around it, a developer and a deployer work as people do. Entries follow the documented
 * LogEntry and AuditLog format (../../cli/rightsize/gcp-fixtures.ts).
 */
import type { StackSnapshot } from "../../../cli/engine/types";
import { auditEntry } from "../../cli/rightsize/gcp-fixtures";
import { later, output, week } from "./week";

const PROJECT = "mock-project";
const ACCOUNT = "gcp:serviceaccount/account:Account";

const email = (snapshot: StackSnapshot, name: string): string =>
    output(snapshot, ACCOUNT, name, "email");

const objectOf = (bucket: string, name: string): string =>
    `projects/_/buckets/${bucket}/objects/${name}`;

/** A developer looks at the bucket and tidies it; a deployer reads what it deploys. */
function people(time: string, bucket: string, topic: string): unknown[] {
    const developer = "dev@example.com";
    const deployer = `deployer@${PROJECT}.iam.gserviceaccount.com`;
    const storage = "storage.googleapis.com";
    return [
        auditEntry({
            principal: developer,
            service: storage,
            method: "storage.objects.list",
            permission: "storage.objects.list",
            resource: `projects/_/buckets/${bucket}`,
            granted: true,
            time,
            project: PROJECT,
        }),
        auditEntry({
            principal: developer,
            service: storage,
            method: "storage.objects.delete",
            permission: "storage.objects.delete",
            resource: objectOf(bucket, "incoming/old.csv"),
            granted: true,
            time: later(time, 30),
            project: PROJECT,
        }),
        auditEntry({
            principal: developer,
            service: storage,
            method: "storage.managedFolders.list",
            permission: "storage.managedFolders.list",
            resource: `projects/_/buckets/${bucket}`,
            granted: true,
            time: later(time, 40),
            project: PROJECT,
        }),
        auditEntry({
            principal: deployer,
            service: storage,
            method: "storage.buckets.get",
            permission: "storage.buckets.get",
            resource: `projects/_/buckets/${bucket}`,
            granted: true,
            time: later(time, 60),
            project: PROJECT,
        }),
        auditEntry({
            principal: deployer,
            service: "pubsub.googleapis.com",
            method: "google.pubsub.v1.Publisher.GetTopic",
            permission: "pubsub.topics.get",
            resource: topic,
            granted: true,
            time: later(time, 61),
            project: PROJECT,
        }),
    ];
}

/**
 * examples/gcp: ingest reads each upload's metadata and publishes it; worker pulls the subscription;
 * store writes the record under `processed/`. Once a day a retried delivery makes store write a record
 * again: replacing an object needs storage.objects.delete as well as create (Cloud Storage, "IAM
 * permissions for XML methods", POST object, note 4:
 * https://cloud.google.com/storage/docs/access-control/iam-xml), which store lacks: refused.
 */
export function gcpExampleWeek(snapshot: StackSnapshot): unknown[] {
    const bucket = output(snapshot, "gcp:storage/bucket:Bucket", "uploads", "name");
    const topic = output(snapshot, "gcp:pubsub/topic:Topic", "events", "id");
    const subscription = output(snapshot, "gcp:pubsub/subscription:Subscription", "work", "id");
    const ingest = email(snapshot, "ingest");
    const worker = email(snapshot, "worker");
    const store = email(snapshot, "store");
    const entries: unknown[] = [];
    for (const { time, n } of week(40)) {
        const name = `incoming/upload-${n}.csv`;
        const record = objectOf(bucket, `processed/upload-${n}.csv.json`);
        entries.push(
            auditEntry({
                principal: ingest,
                service: "storage.googleapis.com",
                method: "storage.objects.get",
                permission: "storage.objects.get",
                resource: objectOf(bucket, name),
                granted: true,
                time,
                project: PROJECT,
            }),
            auditEntry({
                principal: ingest,
                service: "pubsub.googleapis.com",
                method: "google.pubsub.v1.Publisher.Publish",
                permission: "pubsub.topics.publish",
                resource: topic,
                granted: true,
                time: later(time, 1),
                project: PROJECT,
            }),
            auditEntry({
                principal: worker,
                service: "pubsub.googleapis.com",
                method: "google.pubsub.v1.Subscriber.Pull",
                permission: "pubsub.subscriptions.consume",
                resource: subscription,
                granted: true,
                time: later(time, 2),
                project: PROJECT,
            }),
            auditEntry({
                principal: store,
                service: "storage.googleapis.com",
                method: "storage.objects.create",
                permission: "storage.objects.create",
                resource: record,
                granted: true,
                time: later(time, 3),
                project: PROJECT,
            }),
        );
        if (n % 40 === 0) {
            entries.push(
                auditEntry({
                    principal: store,
                    service: "storage.googleapis.com",
                    method: "storage.objects.create",
                    permission: "storage.objects.delete",
                    resource: record,
                    granted: false,
                    status: 7,
                    time: later(time, 60),
                    project: PROJECT,
                }),
            );
        }
    }
    for (const { time } of week(2)) entries.push(...people(time, bucket, topic));
    return entries;
}

/**
 * examples/chain/gcp: api calls worker and worker calls admin over HTTP (Cloud Run invocations, which
 * these logs do not record), and admin publishes an audit message. Another application reads its own
 * secret all week (`secretmanager.versions.access`, a Data Access entry), and its deployer mints
 * tokens as a service account (`iam.serviceAccounts.getAccessToken`, a Data Access entry of the IAM
 * Service Account Credentials API).
 */
export function chainGcpWeek(snapshot: StackSnapshot): unknown[] {
    const admin = email(snapshot, "admin");
    const audits = output(snapshot, "gcp:pubsub/topic:Topic", "audits", "id");
    const entries: unknown[] = [];
    for (const { time } of week(30)) {
        entries.push(
            auditEntry({
                principal: admin,
                service: "pubsub.googleapis.com",
                method: "google.pubsub.v1.Publisher.Publish",
                permission: "pubsub.topics.publish",
                resource: audits,
                granted: true,
                time,
                project: PROJECT,
            }),
        );
    }
    for (const { time } of week(6)) {
        entries.push(
            auditEntry({
                principal: `billing@${PROJECT}.iam.gserviceaccount.com`,
                service: "secretmanager.googleapis.com",
                method: "google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion",
                permission: "secretmanager.versions.access",
                resource: `projects/123456789012/secrets/billing-db/versions/latest`,
                granted: true,
                time,
                project: PROJECT,
            }),
            auditEntry({
                principal: "release@example.com",
                service: "iamcredentials.googleapis.com",
                method: "GenerateAccessToken",
                permission: "iam.serviceAccounts.getAccessToken",
                resource: `projects/-/serviceAccounts/billing@${PROJECT}.iam.gserviceaccount.com`,
                granted: true,
                time: later(time, 5),
                project: PROJECT,
            }),
        );
    }
    return entries;
}
