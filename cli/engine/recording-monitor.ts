/**
 * Records every resource a program registers, by wrapping the SDK's MockMonitor instance. The mock
 * `newResource` callback never sees dependencies, parents or providers; the register request the
 * monitor receives carries all of them, and the response carries the URN, ID and outputs.
 */
import type {
    ReadResourceRequest,
    ReadResourceResponse,
    RegisterResourceOutputsRequest,
    RegisterResourceRequest,
    RegisterResourceResponse,
} from "@pulumi/pulumi/proto/resource_pb";
import { stableUuid } from "./mocks/context";
import type { PropertyMap, RecordedResource } from "./types";
import { fromWireMap, UNKNOWN_SENTINEL } from "./wire";

type Callback<T> = (error: Error | null, response?: T) => void;

/** The parts of `MockMonitor` (runtime/mocks.js) the recorder wraps. */
export interface MockMonitorLike {
    newUrn(parent: string, type: string, name: string): string;
    registerResource(
        req: RegisterResourceRequest,
        callback: Callback<RegisterResourceResponse>,
    ): void;
    registerResourceOutputs(req: RegisterResourceOutputsRequest, callback: Callback<unknown>): void;
    readResource(req: ReadResourceRequest, callback: Callback<ReadResourceResponse>): void;
}

export interface RecorderSettings {
    readonly project: string;
    readonly stack: string;
    readonly preview: boolean;
    /** Program config; a default provider's inputs are the config of its package namespace. */
    readonly config: Readonly<Record<string, string>>;
}

type MutableRecord = { -readonly [K in keyof RecordedResource]: RecordedResource[K] };

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export class ResourceRecorder {
    private readonly records: MutableRecord[] = [];
    private readonly byUrn = new Map<string, MutableRecord>();
    private readonly defaultProviders = new Map<string, string>();

    constructor(private readonly settings: RecorderSettings) {}

    /** Installs the recorder on a monitor; call once, right after `setMocks`. */
    /** The URNs of the resources registered so far (reads are recorded apart). */
    private readonly registered = new Set<string>();

    install(monitor: MockMonitorLike): void {
        // The SDK's mock URNs keep only the parent's last type; the engine keeps the whole chain
        // below the stack (`urn:pulumi:dev::app::a:b:Parent$aws:iam/role:Role::name`).
        monitor.newUrn = (parent, type, name) => this.urn(parent, type, name);

        const register = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req, callback) => {
            // The engine refuses a second resource with the same URN (same type and name under the
            // same parent); so does the offline preview, rather than judge two resources as one.
            const urn = this.urn(req.getParent(), req.getType(), req.getName());
            if (this.registered.has(urn)) {
                callback(
                    new Error(
                        `duplicate resource URN '${urn}': two resources of type '${req.getType()}' are named '${req.getName()}' under the same parent; give one of them a unique name`,
                    ),
                );
                return;
            }
            this.registered.add(urn);
            const record = this.recordRequest(req);
            register(req, (error, response) => {
                if (!error && response) {
                    this.recordResponse(record, response);
                }
                callback(error, response);
            });
        };

        // A resource read with `.get` is in the stack too (as `external`), as the engine records it.
        const read = monitor.readResource.bind(monitor);
        monitor.readResource = (req, callback) => {
            read(req, (error, response) => {
                if (!error && response) {
                    this.recordRead(req, response);
                }
                callback(error, response);
            });
        };

        const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
        monitor.registerResourceOutputs = (req, callback) => {
            const record = this.byUrn.get(req.getUrn());
            if (record) {
                record.outputs = fromWireMap(req.getOutputs()?.toJavaScript());
            }
            registerOutputs(req, callback);
        };
    }

    /** The resources in registration order (a valid dependency order, as in a Pulumi snapshot). */
    resources(): RecordedResource[] {
        return this.records.filter((record) => record.urn !== "");
    }

    private urn(parent: string, type: string, name: string): string {
        const parentType = parent ? (parent.split("::")[2] ?? "") : "";
        const qualified =
            parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
        const { stack, project } = this.settings;
        return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
    }

    private recordRequest(req: RegisterResourceRequest): MutableRecord {
        const type = req.getType();
        const custom = req.getCustom();
        const propertyDependencies: Record<string, string[]> = {};
        for (const [key, deps] of req.getPropertydependenciesMap().entries()) {
            propertyDependencies[key] = deps.getUrnsList();
        }
        const record: MutableRecord = {
            urn: "",
            type,
            name: req.getName(),
            custom,
            dependencies: req.getDependenciesList(),
            propertyDependencies,
            inputs: fromWireMap(req.getObject()?.toJavaScript()),
            outputs: {},
        };
        if (req.getParent()) {
            record.parent = req.getParent();
        }
        const provider =
            req.getProvider() || (custom ? this.defaultProvider(type, req.getVersion()) : "");
        if (provider) {
            record.provider = provider;
        }
        if (req.getProtect()) {
            record.protect = true;
        }
        if (req.getRetainondelete()) {
            record.retainOnDelete = true;
        }
        this.records.push(record);
        return record;
    }

    private recordRead(req: ReadResourceRequest, response: ReadResourceResponse): void {
        const type = req.getType();
        const outputs = fromWireMap(response.getProperties()?.toJavaScript());
        const record: MutableRecord = {
            urn: response.getUrn(),
            type,
            name: req.getName(),
            custom: true,
            dependencies: req.getDependenciesList(),
            propertyDependencies: {},
            inputs: fromWireMap(req.getProperties()?.toJavaScript()),
            outputs,
            id: req.getId(),
            external: true,
        };
        if (req.getParent()) {
            record.parent = req.getParent();
        }
        const provider = req.getProvider() || this.defaultProvider(type, req.getVersion());
        if (provider) {
            record.provider = provider;
        }
        this.records.push(record);
        this.byUrn.set(record.urn, record);
    }

    private recordResponse(record: MutableRecord, response: RegisterResourceResponse): void {
        record.urn = response.getUrn();
        if (response.getId()) {
            record.id = response.getId();
        }
        if (record.custom) {
            record.outputs = fromWireMap(response.getObject()?.toJavaScript());
        }
        this.byUrn.set(record.urn, record);
    }

    /**
     * The engine gives every custom resource without an explicit provider the default provider of its
     * package and version, and records that provider in the stack: so do we.
     */
    private defaultProvider(type: string, version: string): string {
        const pkg = type.split(":")[0] ?? "";
        if (type.startsWith("pulumi:providers:") || pkg === "") {
            return "";
        }
        const name = version ? `default_${version.replace(/[.\-+]/g, "_")}` : "default";
        const key = `${pkg}::${name}`;
        const existing = this.defaultProviders.get(key);
        if (existing) {
            return existing;
        }
        const urn = this.urn("", `pulumi:providers:${pkg}`, name);
        // A provider created during a preview has no ID yet; the engine then uses the unknown sentinel.
        const id = this.settings.preview ? UNKNOWN_SENTINEL : stableUuid(urn);
        const inputs: PropertyMap = {};
        for (const [key, value] of Object.entries(this.settings.config)) {
            if (key.startsWith(`${pkg}:`)) {
                inputs[key.slice(pkg.length + 1)] = value;
            }
        }
        if (version) {
            inputs.version = version;
        }
        const provider: MutableRecord = {
            urn,
            type: `pulumi:providers:${pkg}`,
            name,
            custom: true,
            dependencies: [],
            propertyDependencies: {},
            inputs,
            outputs: { ...inputs },
        };
        if (!this.settings.preview) {
            provider.id = id;
        }
        this.records.push(provider);
        this.byUrn.set(urn, provider);
        const ref = `${urn}::${id}`;
        this.defaultProviders.set(key, ref);
        return ref;
    }
}
