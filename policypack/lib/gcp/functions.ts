/**
 * Functions and the service accounts they run as: Cloud Functions gen1 and gen2 and Cloud Run v2
 * services (a gen2 function runs on a Cloud Run service too). Field names follow @pulumi/gcp 9.
 */

export const GCP_FUNCTION_GEN1 = "gcp:cloudfunctions/function:Function";
export const GCP_FUNCTION_GEN2 = "gcp:cloudfunctionsv2/function:Function";
export const GCP_CLOUD_RUN_SERVICE = "gcp:cloudrunv2/service:Service";
export const GCP_SERVICE_ACCOUNT = "gcp:serviceaccount/account:Account";

export const GCP_FUNCTION_TYPES: readonly [string, ...string[]] = [
    GCP_FUNCTION_GEN1,
    GCP_FUNCTION_GEN2,
    GCP_CLOUD_RUN_SERVICE,
];

const FUNCTION_TYPES = new Set<string>(GCP_FUNCTION_TYPES);

export function isGcpFunctionType(type: string): boolean {
    return FUNCTION_TYPES.has(type);
}

/** Where a function type keeps a setting: the top-level property and the nested key, if any. */
export interface FieldPath {
    readonly top: string;
    readonly nested?: string;
}

export function fieldPathText(field: FieldPath): string {
    return field.nested === undefined ? field.top : `${field.top}.${field.nested}`;
}

const RUNTIME_ACCOUNT: Readonly<Record<string, FieldPath>> = {
    [GCP_FUNCTION_GEN1]: { top: "serviceAccountEmail" },
    [GCP_FUNCTION_GEN2]: { top: "serviceConfig", nested: "serviceAccountEmail" },
    [GCP_CLOUD_RUN_SERVICE]: { top: "template", nested: "serviceAccount" },
};

const BUILD_ACCOUNT: Readonly<Record<string, FieldPath>> = {
    [GCP_FUNCTION_GEN1]: { top: "buildServiceAccount" },
    [GCP_FUNCTION_GEN2]: { top: "buildConfig", nested: "serviceAccount" },
};

const INGRESS: Readonly<Record<string, FieldPath>> = {
    [GCP_FUNCTION_GEN1]: { top: "ingressSettings" },
    [GCP_FUNCTION_GEN2]: { top: "serviceConfig", nested: "ingressSettings" },
    [GCP_CLOUD_RUN_SERVICE]: { top: "ingress" },
};

export function runtimeAccountField(type: string): FieldPath | undefined {
    return RUNTIME_ACCOUNT[type];
}

export function buildAccountField(type: string): FieldPath | undefined {
    return BUILD_ACCOUNT[type];
}

export function ingressField(type: string): FieldPath | undefined {
    return INGRESS[type];
}

/** Reads a field through the SDK's proxy (an unknown value throws there, as it should). */
export function readField(props: Readonly<Record<string, unknown>>, field: FieldPath): unknown {
    const top = props[field.top];
    if (field.nested === undefined) {
        return top;
    }
    return typeof top === "object" && top !== null && !Array.isArray(top)
        ? (top as Record<string, unknown>)[field.nested]
        : undefined;
}

/**
 * The email in any of the forms the provider accepts: `a@p.iam.gserviceaccount.com`,
 * `serviceAccount:a@...`, `projects/p/serviceAccounts/a@...`; lower-cased. Undefined for other values.
 */
export function serviceAccountEmailOf(value: unknown): string | undefined {
    if (typeof value !== "string") {
        return undefined;
    }
    let email = value.trim();
    if (email.startsWith("serviceAccount:")) {
        email = email.slice("serviceAccount:".length);
    }
    const slash = email.lastIndexOf("/");
    if (slash >= 0) {
        email = email.slice(slash + 1);
    }
    return /^[^@\s]+@[^@\s]+$/.test(email) ? email.toLowerCase() : undefined;
}

/** Google's default accounts: `<number>-compute@developer...` and `<project>@appspot...`. */
export type DefaultAccount = "Compute Engine default" | "App Engine default";

export function defaultAccountKind(email: string): DefaultAccount | undefined {
    if (/^\d+-compute@developer\.gserviceaccount\.com$/.test(email)) {
        return "Compute Engine default";
    }
    return email.endsWith("@appspot.gserviceaccount.com") ? "App Engine default" : undefined;
}

/** The account a function runs as when none is set: gen1 uses App Engine's, gen2 and Run Compute's. */
export function implicitDefaultAccount(type: string): DefaultAccount {
    return type === GCP_FUNCTION_GEN1 ? "App Engine default" : "Compute Engine default";
}

/** `true` for a label or tag saying the function is meant to be reached from the internet. */
export const PUBLIC_LABEL = "perimeter-public";
