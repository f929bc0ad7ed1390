/**
 * Translation between the engine's records and the analyzer protocol's messages
 * (@pulumi/pulumi/proto/analyzer_pb): requests as the Pulumi engine builds them, answers as plain data.
 */
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct, type JavaScriptValue } from "google-protobuf/google/protobuf/struct_pb";
import type {
    EnforcementLevel,
    PolicyDescriptor,
    PolicyPackDescriptor,
    PropertyMap,
    RecordedResource,
    Severity,
} from "./types";
import { toWireMap } from "./wire";

/** One diagnostic as the pack reported it. */
export interface AnalyzerDiagnostic {
    readonly policyName: string;
    readonly policyPackName: string;
    readonly policyPackVersion: string;
    readonly description: string;
    readonly message: string;
    readonly enforcementLevel: EnforcementLevel;
    /** Empty when the pack did not name a resource. */
    readonly urn: string;
    readonly severity: Severity;
}

export interface AnalyzeResult {
    readonly diagnostics: readonly AnalyzerDiagnostic[];
    readonly notApplicable: readonly { readonly policy: string; readonly reason: string }[];
}

/** A policy's effective configuration, as sent with Configure. */
export interface PolicyConfigEntry {
    readonly enforcementLevel: EnforcementLevel;
    readonly properties: { readonly [key: string]: unknown };
}

const LEVELS: Record<EnforcementLevel, pb.EnforcementLevel> = {
    advisory: pb.EnforcementLevel.ADVISORY,
    mandatory: pb.EnforcementLevel.MANDATORY,
    remediate: pb.EnforcementLevel.REMEDIATE,
    disabled: pb.EnforcementLevel.DISABLED,
};

const SEVERITIES: Record<pb.PolicySeverity, Severity> = {
    [pb.PolicySeverity.POLICY_SEVERITY_UNSPECIFIED]: "unspecified",
    [pb.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
    [pb.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
    [pb.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
    [pb.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

export function enforcementLevelName(level: pb.EnforcementLevel): EnforcementLevel {
    const found = (Object.keys(LEVELS) as EnforcementLevel[]).find(
        (name) => LEVELS[name] === level,
    );
    return found ?? "advisory";
}

export function toStruct(map: PropertyMap): Struct {
    return Struct.fromJavaScript(toWireMap(map));
}

/**
 * Resource options as the engine fills them. A pack started by run-policy-pack rejects an Analyze
 * request without options ("a more recent version of the Pulumi CLI is required").
 */
export function resourceOptions(resource: RecordedResource): pb.AnalyzerResourceOptions {
    const options = new pb.AnalyzerResourceOptions();
    options.setProtect(resource.protect ?? false);
    options.setIgnorechangesList([]);
    options.setAliasesList([]);
    options.setAdditionalsecretoutputsList([]);
    options.setCustomtimeouts(new pb.AnalyzerResourceOptions.CustomTimeouts());
    options.setParent(resource.parent ?? "");
    return options;
}

// Every resource of a stack names one of a few providers: build each provider's message once.
const providerMessages = new WeakMap<RecordedResource, pb.AnalyzerProviderResource>();

function providerResource(provider: RecordedResource): pb.AnalyzerProviderResource {
    const built = providerMessages.get(provider);
    if (built) {
        return built;
    }
    const message = new pb.AnalyzerProviderResource();
    message.setType(provider.type);
    message.setUrn(provider.urn);
    message.setName(provider.name);
    message.setProperties(toStruct(provider.inputs));
    providerMessages.set(provider, message);
    return message;
}

/** Analyze sees a resource's inputs, before the provider acts on them. */
export function analyzeRequest(
    resource: RecordedResource,
    provider?: RecordedResource,
): pb.AnalyzeRequest {
    const request = new pb.AnalyzeRequest();
    request.setType(resource.type);
    request.setUrn(resource.urn);
    request.setName(resource.name);
    request.setProperties(toStruct(resource.inputs));
    request.setOptions(resourceOptions(resource));
    if (provider) {
        request.setProvider(providerResource(provider));
    }
    return request;
}

/** AnalyzeStack sees outputs, with the parent and dependency graph. */
export function analyzeStackRequest(
    resources: readonly RecordedResource[],
    providerOf: (resource: RecordedResource) => RecordedResource | undefined,
): pb.AnalyzeStackRequest {
    const request = new pb.AnalyzeStackRequest();
    request.setResourcesList(
        resources.map((resource) => {
            const message = new pb.AnalyzerResource();
            message.setType(resource.type);
            message.setUrn(resource.urn);
            message.setName(resource.name);
            message.setProperties(toStruct(resource.outputs));
            message.setOptions(resourceOptions(resource));
            message.setParent(resource.parent ?? "");
            message.setDependenciesList([...resource.dependencies]);
            const dependencies = message.getPropertydependenciesMap();
            for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
                const entry = new pb.AnalyzerPropertyDependencies();
                entry.setUrnsList([...urns]);
                dependencies.set(key, entry);
            }
            const provider = providerOf(resource);
            if (provider) {
                message.setProvider(providerResource(provider));
            }
            return message;
        }),
    );
    return request;
}

export function configureRequest(
    config: Record<string, PolicyConfigEntry>,
): pb.ConfigureAnalyzerRequest {
    const request = new pb.ConfigureAnalyzerRequest();
    const map = request.getPolicyconfigMap();
    for (const [policy, entry] of Object.entries(config)) {
        const message = new pb.PolicyConfig();
        // Always set: the protocol's default level (0) is "advisory" and would demote mandatory policies.
        message.setEnforcementlevel(LEVELS[entry.enforcementLevel]);
        // Config properties are parsed JSON (the config file and schema defaults), valid in a Struct.
        message.setProperties(
            Struct.fromJavaScript(entry.properties as Record<string, JavaScriptValue>),
        );
        map.set(policy, message);
    }
    return request;
}

export function readAnalyzeResponse(response: pb.AnalyzeResponse): AnalyzeResult {
    return {
        diagnostics: response.getDiagnosticsList().map((d) => ({
            policyName: d.getPolicyname(),
            policyPackName: d.getPolicypackname(),
            policyPackVersion: d.getPolicypackversion(),
            description: d.getDescription(),
            message: d.getMessage(),
            enforcementLevel: enforcementLevelName(d.getEnforcementlevel()),
            urn: d.getUrn(),
            severity: SEVERITIES[d.getSeverity()] ?? "unspecified",
        })),
        notApplicable: response
            .getNotApplicableList()
            .map((n) => ({ policy: n.getPolicyName(), reason: n.getReason() })),
    };
}

export function readAnalyzerInfo(info: pb.AnalyzerInfo): {
    descriptor: PolicyPackDescriptor;
    initialConfig: Record<string, Partial<PolicyConfigEntry>>;
} {
    const policies = info.getPoliciesList().map((p): PolicyDescriptor => {
        const schema = p.getConfigschema();
        return {
            name: p.getName(),
            displayName: p.getDisplayname(),
            description: p.getDescription(),
            enforcementLevel: enforcementLevelName(p.getEnforcementlevel()),
            severity: SEVERITIES[p.getSeverity()] ?? "unspecified",
            tags: p.getTagsList(),
            remediationSteps: p.getRemediationSteps(),
            ...(p.getUrl() === "" ? {} : { url: p.getUrl() }),
            kind: p.getPolicyType() === pb.PolicyType.POLICY_TYPE_STACK ? "stack" : "resource",
            ...(schema
                ? {
                      configSchema: {
                          properties: schema.getProperties()?.toJavaScript() ?? {},
                          required: schema.getRequiredList(),
                      },
                  }
                : {}),
        };
    });
    const initialConfig: Record<string, Partial<PolicyConfigEntry>> = {};
    for (const [policy, config] of info.getInitialconfigMap().entries()) {
        initialConfig[policy] = {
            enforcementLevel: enforcementLevelName(config.getEnforcementlevel()),
            properties: config.getProperties()?.toJavaScript() ?? {},
        };
    }
    return {
        descriptor: { name: info.getName(), version: info.getVersion(), policies },
        initialConfig,
    };
}
