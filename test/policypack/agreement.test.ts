/**
 * Rules and identity graph answer the same question the same way (issue 14): over every fixture stack,
 * what the rules' readers say each function may do and the graph's edges and profiles say agree.
 * - AWS: every action the graph lists for a function, and every escalation action, is granted on the
 *   same resources by the rules' `grantsOf` (Deny, conditions and levers applied once);
 * - Azure: the role assignments the mandatory rule sees held by a function app's identities are the
 *   ones the graph draws from them;
 * - GCP: the IAM grants the rules link to a function's account are the ones the graph draws.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { PolicyResource } from "@pulumi/policy";
import { readStackExport } from "../../cli/engine/stack-export";
import { graphResourcesOf } from "../../cli/graph/resources";
import { findInstallRoot } from "../../cli/install-root";
import { effectivePermissions } from "../../policypack/lib/aws/effective-permissions";
import { functionIdentities, functionRoleUrns } from "../../policypack/lib/aws/function-identities";
import { grantsOf } from "../../policypack/lib/aws/grants";
import { SCOPED_RESOURCES } from "../../policypack/lib/aws/managed-policies";
import { privilegeEscalationMethods } from "../../policypack/lib/aws/risks";
import { functionRoleAssignmentsOf } from "../../policypack/lib/azure/function-identities";
import { ROLE_ASSIGNMENT_TYPE } from "../../policypack/lib/azure/resources";
import { stackGrants } from "../../policypack/lib/gcp/stack-grants";
import { buildIdentityGraph } from "../../policypack/lib/graph/build";
import type { IdentityGraph } from "../../policypack/lib/graph/model";

const FIXTURES = ["test/fixtures/exports", "test/fixtures/stacks"].flatMap((dir) =>
    fs
        .readdirSync(path.join(findInstallRoot(), dir))
        // version-2.json is bad input on purpose (an export format perimeter refuses).
        .filter((f) => f.endsWith(".json") && f !== "version-2.json")
        .map((f) => path.join(findInstallRoot(), dir, f)),
);

/** The graph's `via` URNs of granted edges from the identities a function runs as. */
function viaOfFunction(graph: IdentityGraph, fnUrn: string): Set<string> {
    const identities = new Set(
        graph.edges.filter((e) => e.kind === "runs-as" && e.from === fnUrn).map((e) => e.to),
    );
    return new Set(
        graph.edges.flatMap((e) =>
            e.kind === "granted" && identities.has(e.from) && e.via !== undefined ? [e.via] : [],
        ),
    );
}

const scoped = (resource: string) =>
    resource === SCOPED_RESOURCES || resource.startsWith("(resources named in ")
        ? "<scoped>"
        : resource;

/** How much each comparison covered, so a fixture set that compares nothing fails. */
const compared = { awsPermissions: 0, azureAssignments: 0, gcpGrants: 0 };

describe("rules and graph agree over every fixture stack", function () {
    this.timeout(60_000);
    after(() => {
        assert.ok(compared.awsPermissions > 0, "no AWS permission was compared");
        assert.ok(compared.azureAssignments > 0, "no Azure role assignment was compared");
        assert.ok(compared.gcpGrants > 0, "no GCP grant was compared");
    });
    const escalationActions = [...new Set(privilegeEscalationMethods().flatMap((m) => m.actions))];

    for (const file of FIXTURES) {
        describe(path.basename(file), () => {
            const snapshot = readStackExport(fs.readFileSync(file, "utf8"), path.basename(file));
            const resources = graphResourcesOf(snapshot.resources);
            const asPolicy = resources as unknown as PolicyResource[];
            const graph = buildIdentityGraph(resources);

            it("AWS: the same actions on the same resources per function", () => {
                const identities = functionIdentities(asPolicy);
                const effective = effectivePermissions(asPolicy, functionRoleUrns(identities));
                for (const identity of identities) {
                    const permissions =
                        identity.role === undefined ? undefined : effective.get(identity.role.urn);
                    for (const fn of identity.functions) {
                        const profile = graph.functions.find((f) => f.functionId === fn.urn);
                        const drawn = new Set(
                            (profile?.permissions ?? []).map(
                                (p) => `${p.action} on ${scoped(p.resource)}`,
                            ),
                        );
                        const actions = [
                            ...new Set([
                                ...(profile?.permissions ?? []).map((p) => p.action),
                                ...escalationActions,
                            ]),
                        ];
                        const ruled = new Set(
                            permissions === undefined
                                ? []
                                : actions.flatMap((action) =>
                                      grantsOf(permissions, action).flatMap((g) =>
                                          g.resources.map((r) => `${action} on ${scoped(r)}`),
                                      ),
                                  ),
                        );
                        assert.deepEqual([...ruled].sort(), [...drawn].sort(), fn.name);
                        compared.awsPermissions += drawn.size;
                    }
                }
            });

            it("Azure: the same role assignments per function app", () => {
                const byApp = new Map<string, Set<string>>();
                for (const { assignment, identity } of functionRoleAssignmentsOf(asPolicy)) {
                    const set = byApp.get(identity.app.urn) ?? new Set<string>();
                    set.add(assignment.urn);
                    byApp.set(identity.app.urn, set);
                }
                const assignments = new Set(
                    resources.filter((r) => r.type === ROLE_ASSIGNMENT_TYPE).map((r) => r.urn),
                );
                const apps = new Set([
                    ...byApp.keys(),
                    ...graph.functions.map((f) => f.functionId),
                ]);
                for (const app of apps) {
                    const drawn = [...viaOfFunction(graph, app)].filter((v) => assignments.has(v));
                    if (
                        !resources.some((r) => r.urn === app && r.type.startsWith("azure-native:"))
                    ) {
                        continue;
                    }
                    assert.deepEqual(drawn.sort(), [...(byApp.get(app) ?? [])].sort(), app);
                    compared.azureAssignments += drawn.length;
                }
            });

            it("GCP: the same IAM grants per function", () => {
                const { functionGrants } = stackGrants(asPolicy);
                const byFunction = new Map<string, Set<string>>();
                for (const grant of functionGrants) {
                    for (const identity of grant.identities) {
                        for (const fn of identity.functions) {
                            const set = byFunction.get(fn.urn) ?? new Set<string>();
                            set.add(grant.resource.urn);
                            byFunction.set(fn.urn, set);
                        }
                    }
                }
                const iamUrns = new Set(functionGrants.map((g) => g.resource.urn));
                for (const fn of resources.filter((r) => r.type.startsWith("gcp:"))) {
                    if (!graph.functions.some((f) => f.functionId === fn.urn)) {
                        continue;
                    }
                    const drawn = [...viaOfFunction(graph, fn.urn)];
                    assert.deepEqual(
                        drawn.filter((v) => iamUrns.has(v)).sort(),
                        [...(byFunction.get(fn.urn) ?? [])].sort(),
                        fn.name,
                    );
                    compared.gcpGrants += drawn.length;
                }
            });
        });
    }
});
