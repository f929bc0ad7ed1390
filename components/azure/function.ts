/**
 * AzureFunction: a Function App (Flex Consumption by default) with its own managed identity, host
 * storage reached through that identity, hardened settings, and one role assignment per grant at the
 * grant's target scope. Order (DESIGN §4): validate → identity → grants → app → outputs.
 */
import * as authorization from "@pulumi/azure-native/authorization";
import * as cosmosdb from "@pulumi/azure-native/cosmosdb";
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { ArgumentProblems, childName, componentName } from "../core";
import type { AzureFunctionArgs, AzureGrant } from "./args";
import { createCustomRoles, customRoleGuid } from "./custom-roles";
import { easyAuth } from "./easy-auth";
import { accessEntry } from "./grants";
import {
    type BaselineRole,
    baselineRoles,
    createFlexPlan,
    declaredAccessOf,
    disableBasicPublishing,
    functionAppSettings,
    plannedGrantData,
} from "./app-parts";
import { type HostStorage, hostStorage } from "./host-storage";
import { type FunctionIdentity, systemAssignedIdentity, userAssignedIdentity } from "./identity";
import { assignmentName, planAzureGrants, type PlannedGrant } from "./plan";
import { normalizedScope, parseResourceId } from "./resource-id";
import { roleDefinitionId } from "./roles";
import { toNameValuePairs } from "./settings";
import { scopeProblem, validateAzureFunctionArgs } from "./validate";
import type { AzureFunctionShape, DeclaredAccessEntry, PlannedGrantData } from "./shape";
import { webAppSettings } from "./web-app";

/** What the app and its identity are made of, computed once by the constructor. */
interface AppParts {
    readonly grants: readonly AzureGrant[];
    readonly plans: readonly PlannedGrant[];
    readonly scopes: ReadonlyMap<string, pulumi.Output<string>>;
    readonly storage: HostStorage;
    readonly client: pulumi.Output<authorization.GetClientConfigResult>;
    /** Roles whatever the grants: host storage, and the code package's container. */
    readonly baseline: readonly BaselineRole[];
}

export class AzureFunction extends pulumi.ComponentResource implements AzureFunctionShape {
    public readonly app: web.WebApp;
    /** The function app's resource ID. */
    public readonly appId: pulumi.Output<string>;
    /** The identity the app runs as; `id` and `clientId` are set for user-assigned identities. */
    public readonly identity: {
        readonly id?: pulumi.Output<string>;
        readonly principalId: pulumi.Output<string>;
        readonly clientId?: pulumi.Output<string>;
    };
    public readonly storageAccountId: pulumi.Output<string>;
    public readonly storageAccountName: pulumi.Output<string>;
    /** The Flex Consumption plan the component created (none with `existingPlanId`). */
    public readonly plan?: web.AppServicePlan;
    /** Role assignments: the host's on its storage account, then one per grant. */
    public readonly roleAssignments: authorization.RoleAssignment[] = [];
    public readonly cosmosRoleAssignments: cosmosdb.SqlResourceSqlRoleAssignment[] = [];
    /** Every grant as data: role, scope, condition. */
    public readonly plannedGrants: pulumi.Output<PlannedGrantData[]>;
    /**
     * Every access the component declares for the app's identity: the host's storage roles, then each
     * grant (`function:invoke` included, with no role). Registered as an output so the policy pack can
     * compare what the program declared with what the identity holds (least-privilege ratio).
     */
    public readonly declaredAccess: readonly DeclaredAccessEntry[];
    /** `https://<default host name>`. */
    public readonly url: pulumi.Output<string>;
    /** The Easy Auth audience callers request tokens for (with `authentication`). */
    public readonly audience?: pulumi.Output<string>;
    public readonly authSettings?: web.WebAppAuthSettingsV2;
    /** The component's name: the stable key of its children. */
    public readonly functionName: string;
    /** The validated grants, as given. */
    public readonly grants: readonly AzureGrant[];

    constructor(name: string, args: AzureFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("perimeter:index:AzureFunction", componentName("AzureFunction", name), {}, opts);
        const problems = new ArgumentProblems();
        const grants = validateAzureFunctionArgs(args, problems);
        problems.throwIfAny("AzureFunction", name, this);
        this.functionName = name;
        this.grants = grants;

        const client = authorization.getClientConfigOutput({ parent: this });
        const storage = hostStorage(name, args, this);
        this.storageAccountId = storage.accountId;
        this.storageAccountName = storage.accountName;

        const plans = planAzureGrants(grants, customRoleGuid(name));
        const scopes = new Map(grants.map((g) => [g.name, this.checkedScope(g)]));
        this.plannedGrants = plannedGrantData(plans, scopes);

        this.plan = createFlexPlan(name, args, this);
        const baseline = baselineRoles(name, args, plans, storage.accountId);
        const { app, identity } = this.appWithIdentity(name, args, {
            grants,
            plans,
            scopes,
            storage,
            client,
            baseline,
        });
        this.app = app;
        this.appId = app.id;
        this.identity = {
            id: identity.id,
            principalId: identity.principalId,
            clientId: identity.clientId,
        };

        disableBasicPublishing(name, this.app, args, this);
        this.declaredAccess = declaredAccessOf(baseline, plans, scopes);

        this.url = pulumi.interpolate`https://${this.app.defaultHostName}`;
        if (args.authentication) {
            this.audience = pulumi.output(args.authentication.audience);
            this.authSettings = easyAuth(
                name,
                this.app,
                args.resourceGroupName,
                args.authentication,
                client.tenantId,
                this,
            );
        }
        this.registerOutputs({
            app: this.app,
            identity: this.identity,
            storageAccountId: this.storageAccountId,
            plannedGrants: this.plannedGrants,
            declaredAccess: this.declaredAccess,
            url: this.url,
        });
    }

    /**
     * The grant a caller needs to call this app: `function:invoke` on it, with its audience and URL.
     * The caller's identity must also be in this app's `authentication.allowedCallers`.
     *
     * @example
     * new AzureFunction("api", { ..., grants: [worker.invokeGrant("worker")] })
     */
    public invokeGrant(name: string): AzureGrant {
        if (!this.audience) {
            throw new Error(
                `AzureFunction '${this.functionName}' has no \`authentication\`; give it one so it admits only its callers`,
            );
        }
        return {
            name,
            access: "function:invoke",
            resource: this.app.id,
            audience: this.audience,
            url: this.url,
        };
    }

    /**
     * The app and the identity it runs as, with the identity's role assignments. A user-assigned
     * identity exists before the app, so its roles can too and the app starts with its permissions
     * in place; a system-assigned identity exists only with the app, so its roles follow it.
     */
    private appWithIdentity(
        name: string,
        args: AzureFunctionArgs,
        parts: AppParts,
    ): { app: web.WebApp; identity: FunctionIdentity } {
        if (args.identityType === "system-assigned") {
            const app = this.createApp(name, args, parts, undefined, []);
            const identity = systemAssignedIdentity(name, app);
            this.assign(name, identity, parts);
            return { app, identity };
        }
        const identity = userAssignedIdentity(name, args, this);
        const early = this.assign(name, identity, parts);
        return { app: this.createApp(name, args, parts, identity, early), identity };
    }

    /** The Function App itself, on the plan created or given, after `dependsOn`. */
    private createApp(
        name: string,
        args: AzureFunctionArgs,
        parts: AppParts,
        identity: FunctionIdentity | undefined,
        dependsOn: pulumi.Resource[],
    ): web.WebApp {
        const { grants, scopes, storage } = parts;
        const settings = functionAppSettings(args, grants, scopes, storage.accountName, identity);
        return new web.WebApp(
            name,
            webAppSettings({
                args,
                serverFarmId: args.existingPlanId ?? this.plan!.id,
                identityId: identity?.id,
                appSettings: toNameValuePairs(settings),
                deploymentContainerUrl: storage.deploymentContainerUrl,
            }),
            { parent: this, dependsOn: [...dependsOn, storage.deploymentContainer] },
        );
    }

    /** The grant's scope, checked again once it is known (IDs that were outputs at construction). */
    private checkedScope(grant: AzureGrant): pulumi.Output<string> {
        const entry = accessEntry(grant.access);
        return pulumi.output(grant.resource).apply((id) => {
            const problem = scopeProblem(entry, grant, id);
            if (problem) {
                throw new pulumi.ResourceError(`\`grants\` '${grant.name}': ${problem}`, this);
            }
            return normalizedScope(id);
        });
    }

    /** The host's storage roles and one assignment per grant, to `identity`. */
    private assign(name: string, identity: FunctionIdentity, parts: AppParts): pulumi.Resource[] {
        const { plans, scopes, client, baseline } = parts;
        const created: pulumi.Resource[] = [];
        const customRoles = createCustomRoles(name, plans, scopes, client.subscriptionId, this);
        const roleAssignment = (
            key: string,
            scope: pulumi.Output<string>,
            roleGuid: string,
            description: string,
            condition?: { condition: string; conditionVersion: string },
            definition?: pulumi.Output<string>,
        ): void => {
            const assignment = new authorization.RoleAssignment(
                childName(name, key),
                {
                    roleAssignmentName: scope.apply((s) =>
                        assignmentName(s, roleGuid, identity.principalKey, condition?.condition),
                    ),
                    scope,
                    principalId: identity.principalId,
                    principalType: "ServicePrincipal",
                    roleDefinitionId:
                        definition ??
                        client.subscriptionId.apply((sub) =>
                            roleDefinitionId(sub, { name: "", guid: roleGuid }),
                        ),
                    description,
                    ...condition,
                },
                { parent: this },
            );
            this.roleAssignments.push(assignment);
            created.push(assignment);
        };
        for (const { key, role, scope, description } of baseline) {
            roleAssignment(key, scope, role.guid, description);
        }
        for (const plan of plans) {
            const scope = scopes.get(plan.grant);
            if (!scope || !plan.roleGuid) {
                continue; // function:invoke: the callee's Easy Auth admits the caller, no role.
            }
            if (plan.plane === "cosmos") {
                created.push(
                    this.cosmosAssignment(name, identity, plan.grant, scope, plan.roleGuid),
                );
                continue;
            }
            roleAssignment(
                plan.assignment ?? plan.grant,
                scope,
                plan.roleGuid,
                `${plan.access} for ${name} (grant '${plan.grant}')`,
                plan.condition && plan.conditionVersion
                    ? { condition: plan.condition, conditionVersion: plan.conditionVersion }
                    : undefined,
                plan.customRole === undefined ? undefined : customRoles.get(plan.customRole)?.id,
            );
        }
        return created;
    }

    /** Cosmos DB data-plane role assignment: scope and role definition live under the account. */
    private cosmosAssignment(
        name: string,
        identity: FunctionIdentity,
        grant: string,
        scope: pulumi.Output<string>,
        roleGuid: string,
    ): cosmosdb.SqlResourceSqlRoleAssignment {
        const parsed = scope.apply((s) => parseResourceId(s));
        const accountId = scope.apply((s) => s.replace(/\/dbs\/.*$/i, ""));
        const assignment = new cosmosdb.SqlResourceSqlRoleAssignment(
            childName(name, grant),
            {
                accountName: parsed.apply((p) => p?.parentName ?? ""),
                resourceGroupName: parsed.apply((p) => p?.resourceGroupName ?? ""),
                roleAssignmentId: scope.apply((s) =>
                    assignmentName(s, roleGuid, identity.principalKey),
                ),
                roleDefinitionId: pulumi.interpolate`${accountId}/sqlRoleDefinitions/${roleGuid}`,
                scope,
                principalId: identity.principalId,
            },
            { parent: this },
        );
        this.cosmosRoleAssignments.push(assignment);
        return assignment;
    }
}
