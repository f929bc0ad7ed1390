/**
 * The Google Cloud starter stack, previewed offline and judged by perimeter's own policy pack over the
 * analyzer protocol and in process, which must agree (needs the built pack: `npm run build`).
 */
import { strict as assert } from "assert";
import { startAnalyzer, type Analyzer } from "../../cli/engine/analyzer";
import { exampleRun } from "./runs";
import { defaultPolicyPackDir } from "../../cli/install-root";
import type { RecordedResource, StackSnapshot } from "../../cli/engine/types";
import { assertFindingsInclude, assertFindingsOnlyOn, assertNoFindings } from "./findings";
import { evaluateBothWays } from "../cli/engine/differential";

/** What the unsafe scenario must make the pack say (`<resource>: <finding key>`). */
const EXPECTED_UNSAFE = [
    "legacy: gcp-function-dedicated-service-account[ServiceAccount::default]",
    "legacy: gcp-function-build-service-account[BuildServiceAccount::default]",
    "legacy: gcp-function-ingress-internal[Ingress::ALLOW_ALL]",
    "store-everyone: gcp-function-not-public[Member::allUsers]",
    "worker-editor: gcp-iam-no-basic-roles[Role::roles/editor]",
    "worker-editor: gcp-iam-no-impersonation-roles[Role::roles/editor]",
    "worker-editor: gcp-iam-no-privilege-escalation[Method::CreateServiceAccountKey]",
    "ingest-key: gcp-no-service-account-keys[Key::ingest-key]",
    // roles/editor at project level lets worker invoke every Cloud Run service, ingest among them, and
    // ingest reads the uploads bucket, which editor does not (it holds no storage.objects.* permission).
    "worker: stack-call-chain-escalation[Path::worker->ingest]",
];
const UNSAFE_RESOURCES = ["legacy", "store-everyone", "worker-editor", "ingest-key", "worker"];

describe("examples/gcp", function () {
    this.timeout(120_000);
    // One pack process and one run of the default stack serve every test: each takes seconds.
    let pack: Analyzer;
    let safe: StackSnapshot;
    before(async function () {
        [pack, safe] = await Promise.all([
            startAnalyzer(defaultPolicyPackDir()),
            // Type-checked by the build (the root tsconfig includes examples/); behaviour counts here.
            exampleRun("examples/gcp"),
        ]);
    });
    after(function () {
        pack.close();
    });

    const named = (snapshot: StackSnapshot, type: string, name: string): RecordedResource => {
        const found = snapshot.resources.find((r) => r.type === type && r.name === name);
        assert.ok(found, `${type} ${name}`);
        return found;
    };

    it("builds the pipeline: three functions, each with its own runtime and build accounts", function () {
        const names = (type: string): string[] =>
            safe.resources
                .filter((r) => r.type === type)
                .map((r) => r.name)
                .sort();
        assert.deepEqual(names("perimeter:index:GcpFunction"), ["ingest", "store", "worker"]);
        assert.deepEqual(names("gcp:serviceaccount/account:Account"), [
            "ingest",
            "ingest-build",
            "ingest-trigger",
            "store",
            "store-build",
            "worker",
            "worker-build",
        ]);
        assert.deepEqual(names("perimeter:index:GcpAuditLogs"), ["audit"]);
    });

    it("reads only the incoming prefix, publishes, consumes and calls the store with its URL", function () {
        const incoming = named(
            safe,
            "gcp:storage/bucketIAMMember:BucketIAMMember",
            "ingest-grant-incoming",
        );
        assert.match(
            String((incoming.inputs.condition as Record<string, unknown>).expression),
            /^resource\.name\.startsWith\("projects\/_\/buckets\/uploads-[0-9a-f]+\/objects\/incoming\/"\)$/,
        );
        assert.equal(
            named(safe, "gcp:pubsub/topicIAMMember:TopicIAMMember", "ingest-grant-events").inputs
                .role,
            "roles/pubsub.publisher",
        );
        assert.equal(
            named(
                safe,
                "gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember",
                "worker-grant-work",
            ).inputs.role,
            "roles/pubsub.subscriber",
        );
        const store = named(safe, "gcp:cloudfunctionsv2/function:Function", "store");
        const worker = named(safe, "gcp:cloudfunctionsv2/function:Function", "worker");
        const environment = (worker.inputs.serviceConfig as Record<string, Record<string, unknown>>)
            .environmentVariables;
        assert.equal(environment?.STORE_URL, store.outputs.url);
        const invoker = named(
            safe,
            "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
            "worker-grant-store",
        );
        assert.equal(
            invoker.inputs.name,
            (store.outputs.serviceConfig as Record<string, unknown>).service,
        );
    });

    it("turns on Data Access audit logs for storage, Pub/Sub, Cloud Functions and Cloud Run", function () {
        const services = safe.resources
            .filter((r) => r.type === "gcp:projects/iAMAuditConfig:IAMAuditConfig")
            .map((r) => r.inputs.service)
            .sort();
        assert.deepEqual(services, [
            "cloudfunctions.googleapis.com",
            "pubsub.googleapis.com",
            "run.googleapis.com",
            "storage.googleapis.com",
        ]);
    });

    it("passes every policy of the pack with zero findings", async function () {
        const evaluation = await evaluateBothWays(pack, safe);
        assertNoFindings(evaluation);
        assert.ok(evaluation.verdicts.length > 1);
    });

    it("reports the deliberate mistakes of the unsafe scenario, and only those", async function () {
        const unsafe = await exampleRun("examples/gcp", "unsafe");
        const evaluation = await evaluateBothWays(pack, unsafe);
        assertFindingsInclude(evaluation, EXPECTED_UNSAFE);
        assertFindingsOnlyOn(evaluation, UNSAFE_RESOURCES);
    });
});
