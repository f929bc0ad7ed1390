// Secret Manager access levels: secretAccessor on one secret (SecretIamMember).
import { SECRET_OPERATIONS } from "./operations";
import type { GcpAccessEntry } from "./types";

export const secretManagerAccess: readonly GcpAccessEntry[] = [
    {
        access: "secretmanager:read",
        role: "roles/secretmanager.secretAccessor",
        target: "secret",
        resourceHint: "the secret ID, e.g. secret.id (projects/<p>/secrets/<s>)",
        summary: "Access the payload of the secret's versions.",
        operations: [SECRET_OPERATIONS.access],
        permissions: [
            "resourcemanager.projects.get",
            "resourcemanager.projects.list",
            "secretmanager.versions.access",
        ],
    },
];
