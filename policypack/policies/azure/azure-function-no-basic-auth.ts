import { functionAppsOf } from "../../lib/azure/function-identities";
import { FTP_POLICY_TYPES, SCM_POLICY_TYPES, WEB_APP_SLOT_TYPE } from "../../lib/azure/resources";
import { belongsToSiteByName } from "../../lib/azure/site-links";
import { defineStackPolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";
import type { StackResource } from "../../lib/stack/resource";

interface Channel {
    readonly id: "ftp" | "scm";
    readonly what: string;
    readonly types: readonly [site: string, slot: string];
}

const CHANNELS: readonly Channel[] = [
    { id: "ftp", what: "FTP", types: FTP_POLICY_TYPES },
    { id: "scm", what: "SCM (Kudu) deployment", types: SCM_POLICY_TYPES },
];

/** Whether the stack turns the channel's basic publishing credentials off for `app`. */
function disabledFor(app: StackResource, channel: Channel, resources: readonly StackResource[]) {
    const type = app.type === WEB_APP_SLOT_TYPE ? channel.types[1] : channel.types[0];
    const policies = resources.filter((r) => r.type === type && belongsToSiteByName(r, app));
    return { type, disabled: policies.some((policy) => policy.props["allow"] === false) };
}

export const azureFunctionNoBasicAuth = defineStackPolicy({
    name: "azure-function-no-basic-auth",
    description:
        "Checks that every function app turns off FTP and SCM basic publishing credentials, so deployments need Microsoft Entra ID.",
    severity: "high",
    enforcementLevel: "advisory",
    remediationSteps:
        "`AzureFunction` disables both by default. By hand, add `web.WebAppFtpAllowed` and " +
        "`web.WebAppScmAllowed` with `allow: false` (and the `...Slot` forms for each slot), " +
        "naming the app in `name`.",
    cloud: "azure",
    services: ["functions"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.1", "cis", "pci-dss:7.2"],
    config: {},
    validate: (args, report) => {
        for (const app of functionAppsOf(args.resources)) {
            for (const channel of CHANNELS) {
                const { type, disabled } = disabledFor(app, channel, args.resources);
                if (!disabled) {
                    report({
                        resource: app,
                        message: `${describeResource(app.type, app.name)} keeps ${channel.what} basic publishing credentials enabled: no '${type}' with allow: false names it`,
                        key: { kind: "Channel", value: channel.id },
                    });
                }
            }
        }
    },
});
