import { strict as assert } from "assert";
import { cloudsFromConfig } from "../../../cli/engine/mocks/context";
import { createMocks, mockState } from "../../../cli/engine/mocks";
import { UNKNOWN_SENTINEL } from "../../../cli/engine/wire";

const clouds = cloudsFromConfig({
    "gcp:project": "shop-prod",
    "azure-native:location": "westeurope",
});

function state(type: string, name: string, inputs: Record<string, unknown>, preview = false) {
    return mockState(type, name, inputs, preview, clouds);
}

describe("mock outputs", function () {
    it("gives a Lambda function its ARN and API Gateway invoke ARN", function () {
        const { id, state: fn } = state("aws:lambda/function:Function", "api", {
            name: "orders-api",
        });
        assert.equal(id, "orders-api");
        assert.equal(fn.arn, "arn:aws:lambda:us-east-1:123456789012:function:orders-api");
        assert.equal(
            fn.invokeArn,
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders-api/invocations",
        );
    });

    it("reports the same principal for a managed identity and a function app that uses it", function () {
        const rg = { resourceGroupName: "shop" };
        const identity = state("azure-native:managedidentity:UserAssignedIdentity", "id", {
            ...rg,
            resourceName: "fn-id",
        });
        assert.equal(
            identity.id,
            "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/shop/providers/Microsoft.ManagedIdentity/userAssignedIdentities/fn-id",
        );
        const app = state("azure-native:web:WebApp", "app", {
            ...rg,
            name: "orders",
            identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
        });
        assert.equal(app.state.defaultHostName, "orders.azurewebsites.net");
        const assigned = (app.state.identity as { userAssignedIdentities: Record<string, unknown> })
            .userAssignedIdentities;
        assert.deepEqual(assigned[identity.id ?? ""], {
            principalId: identity.state.principalId,
            clientId: identity.state.clientId,
        });
    });

    it("gives a service account its email and member, and a v2 function its URL and Cloud Run service", function () {
        const account = state("gcp:serviceaccount/account:Account", "sa", {
            accountId: "orders-fn",
        });
        assert.equal(account.state.email, "orders-fn@shop-prod.iam.gserviceaccount.com");
        assert.equal(
            account.state.member,
            "serviceAccount:orders-fn@shop-prod.iam.gserviceaccount.com",
        );
        assert.match(String(account.state.uniqueId), /^[1-9]\d{20}$/);
        const fn = state("gcp:cloudfunctionsv2/function:Function", "fn", {
            name: "orders",
            location: "europe-west1",
            serviceConfig: { serviceAccountEmail: account.state.email },
        });
        const serviceConfig = fn.state.serviceConfig as Record<string, unknown>;
        assert.equal(
            serviceConfig.service,
            "projects/shop-prod/locations/europe-west1/services/orders",
        );
        assert.equal(serviceConfig.serviceAccountEmail, account.state.email);
        assert.match(String(fn.state.url), /^https:\/\/orders-[0-9a-f]{10}-uc\.a\.run\.app$/);
    });

    it("runs a function without a service account as the default compute account, as GCP does", function () {
        const fn = state("gcp:cloudfunctionsv2/function:Function", "fn", { serviceConfig: {} });
        assert.equal(
            (fn.state.serviceConfig as Record<string, unknown>).serviceAccountEmail,
            "123456789012-compute@developer.gserviceaccount.com",
        );
    });

    it("leaves computed values unknown in preview but keeps inputs and auto-names", function () {
        const { id, state: role } = state(
            "aws:iam/role:Role",
            "app",
            { assumeRolePolicy: "{}" },
            true,
        );
        assert.equal(id, undefined);
        assert.equal(role.arn, UNKNOWN_SENTINEL);
        assert.equal(role.assumeRolePolicy, "{}");
        assert.match(String(role.name), /^app-[0-9a-f]{7}$/);
    });

    it("gives a type it does not know an ID and its inputs", function () {
        const { id, state: thing } = state("acme:index:Widget", "w", { size: 3 });
        assert.match(id ?? "", /^w-[0-9a-f]{7}$/);
        assert.deepEqual(thing, { size: 3 });
    });

    it("renders aws.iam.getPolicyDocument and refuses invokes it has no answer for", async function () {
        const mocks = createMocks({ preview: false, config: {} });
        const result = await mocks.call({
            token: "aws:iam/getPolicyDocument:getPolicyDocument",
            inputs: {
                statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] }],
            },
        });
        assert.deepEqual(JSON.parse(String(result.json)), {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }],
        });
        assert.throws(
            () => mocks.call({ token: "aws:ec2/getAmi:getAmi", inputs: {} }),
            /no answer for the function 'aws:ec2\/getAmi:getAmi'/,
        );
    });
});
