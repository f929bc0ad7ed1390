/**
 * Cloud Run access levels. A Cloud Functions v2 function serves from a Cloud Run service of the same
 * name; `run.invoker` is checked there, so the member is bound on that service (ServiceIamMember on the
 * function's `serviceConfig.service`), never on the function resource.
 */
import { RUN_OPERATIONS } from "./operations";
import type { GcpAccessEntry } from "./types";

export const runAccess: readonly GcpAccessEntry[] = [
    {
        access: "run:invoke",
        role: "roles/run.invoker",
        target: "runService",
        resourceHint:
            "the callee's Cloud Run service, e.g. callee.serviceName (projects/<p>/locations/<l>/services/<s>)",
        summary: "Call the service over HTTP with an ID token whose audience is the service URL.",
        operations: [RUN_OPERATIONS.invoke],
        permissions: ["run.instances.invoke", "run.jobs.run", "run.routes.invoke"],
    },
];
