/**
 * A `pulumi stack export --show-secrets` whose secrets hold canary values in every kind of position a
 * report or a graph could derive text from: a whole IAM policy document (resource ARNs, a condition
 * value, an action), Lambda environment variables (names and values), a Lambda permission's source
 * ARN, a GCP IAM member's condition, an Azure role assignment's scope and an app setting.
 *
 * The secret envelope is the one `pulumi stack export --show-secrets` writes: the signature key and
 * the plaintext as a JSON document.
 */
import { ExportBuilder } from "../export-builder";

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/** Each canary appears only inside secrets, so it must appear in no output. */
export const CANARIES = {
    bucket: "canarybucketqx7",
    condition: "vpce-canaryvalue9k",
    action: "s3:GetObjectCanaryTagging",
    envName: "CANARYNAMEZ3_PASSWORD",
    envValue: "canaryenvvaluew8",
    sourceArn: "arn:aws:execute-api:eu-west-1:123456789012:canaryapiv5/*",
    gcpBucket: "canarygcsbucketm2",
    azureScope: "canaryscoperg4",
    azureSetting: "canarysettingvaluej6",
} as const;

export function secret(value: unknown): object {
    return { [SIG_KEY_NAME]: SECRET_VALUE, plaintext: JSON.stringify(value) };
}
const SIG_KEY_NAME = SECRET_SIG;

const ACCOUNT = "123456789012";
const REGION = "eu-west-1";

const stack = new ExportBuilder("prod", "canary");
const resource = stack.resource.bind(stack);

export function canaryExport(): object {
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/api-role`;
    const functionArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:api`;
    const policy = {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Action: ["s3:GetObject", CANARIES.action],
                Resource: `arn:aws:s3:::${CANARIES.bucket}/*`,
                Condition: { StringEquals: { "aws:SourceVpce": CANARIES.condition } },
            },
            { Effect: "Allow", Action: "s3:*", Resource: `arn:aws:s3:::${CANARIES.bucket}` },
        ],
    };
    const gcpProject = "canary-project";
    const gcpSa = `api@${gcpProject}.iam.gserviceaccount.com`;
    const subscription = "00000000-0000-0000-0000-000000000000";
    const rg = `/subscriptions/${subscription}/resourceGroups/${CANARIES.azureScope}`;
    const resources = [
        stack.lambdaRole("api-role", roleArn),
        resource("aws:iam/rolePolicy:RolePolicy", "api-policy", "api-role:api-policy", {
            role: "api-role",
            policy: secret(JSON.stringify(policy)),
        }),
        resource("aws:lambda/function:Function", "api", "api", {
            name: "api",
            arn: functionArn,
            role: roleArn,
            runtime: "nodejs20.x",
            environment: secret({
                variables: { [CANARIES.envName]: CANARIES.envValue },
            }),
        }),
        resource("aws:lambda/permission:Permission", "api-invoke", "api-invoke", {
            action: "lambda:InvokeFunction",
            function: "api",
            principal: "apigateway.amazonaws.com",
            sourceArn: secret(CANARIES.sourceArn),
        }),
        resource(
            "gcp:serviceaccount/account:Account",
            "gcp-api-sa",
            `projects/${gcpProject}/serviceAccounts/${gcpSa}`,
            {
                accountId: "api",
                email: gcpSa,
                project: gcpProject,
                member: `serviceAccount:${gcpSa}`,
            },
        ),
        resource(
            "gcp:cloudfunctionsv2/function:Function",
            "gcp-api",
            `projects/${gcpProject}/locations/europe-west1/functions/gcp-api`,
            {
                name: "gcp-api",
                project: gcpProject,
                location: "europe-west1",
                serviceConfig: {
                    serviceAccountEmail: gcpSa,
                    ingressSettings: "ALLOW_INTERNAL_ONLY",
                },
            },
        ),
        resource(
            "gcp:projects/iAMMember:IAMMember",
            "gcp-api-storage",
            `${gcpProject}/roles/storage.objectViewer/serviceAccount:${gcpSa}`,
            {
                project: gcpProject,
                role: "roles/storage.objectViewer",
                member: `serviceAccount:${gcpSa}`,
                condition: secret({
                    title: "only-canary",
                    expression: `resource.name.startsWith("projects/_/buckets/${CANARIES.gcpBucket}/")`,
                }),
            },
        ),
        resource(
            "azure-native:managedidentity:UserAssignedIdentity",
            "az-api-id",
            `${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/az-api-id`,
            {
                resourceName: "az-api-id",
                resourceGroupName: CANARIES.azureScope,
                principalId: "11111111-1111-1111-1111-111111111111",
                clientId: "22222222-2222-2222-2222-222222222222",
            },
        ),
        resource(
            "azure-native:web:WebApp",
            "az-api",
            `${rg}/providers/Microsoft.Web/sites/az-api`,
            {
                name: "az-api",
                kind: "functionapp",
                resourceGroupName: CANARIES.azureScope,
                identity: {
                    type: "UserAssigned",
                    userAssignedIdentities: [
                        `${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/az-api-id`,
                    ],
                },
                siteConfig: {
                    appSettings: [{ name: "PAYMENT_TOKEN", value: secret(CANARIES.azureSetting) }],
                },
            },
        ),
        resource(
            "azure-native:authorization:RoleAssignment",
            "az-api-blob",
            `${rg}/providers/Microsoft.Authorization/roleAssignments/33333333-3333-3333-3333-333333333333`,
            {
                principalId: "11111111-1111-1111-1111-111111111111",
                principalType: "ServicePrincipal",
                roleDefinitionId: `/subscriptions/${subscription}/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1`,
                scope: secret(`${rg}/providers/Microsoft.Storage/storageAccounts/canarystore`),
            },
        ),
    ];
    return stack.build(resources, {
        secrets_providers: { type: "passphrase", state: { salt: "v1:canary" } },
    });
}
