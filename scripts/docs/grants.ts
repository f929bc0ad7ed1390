/**
 * docs/grants.md: every access level of the components' tables, per cloud, with the exact actions or
 * roles a grant of that level creates and the baseline every function gets.
 */
import { awsSection } from "./grants-aws";
import { azureSection } from "./grants-azure";
import { gcpSection } from "./grants-gcp";
import { code, generatedNotice, Slugger } from "./markdown";

export async function grantsDocument(): Promise<string> {
    const slugger = new Slugger();
    const aws = awsSection(slugger);
    const azure = azureSection(slugger);
    const gcp = await gcpSection(slugger);
    return [
        generatedNotice("the access tables in components/aws|azure|gcp/grants"),
        "",
        "# Access levels",
        "",
        `A grant is ${code("{ name, access, resource, ... }")} on ${code("AwsFunction")}, ` +
            `${code("AzureFunction")} or ${code("GcpFunction")}; ${code("access")} is one of the ` +
            "levels below. Each level is one reviewed entry of its cloud's access table, and no entry " +
            "holds a wildcard action. This page is generated from those tables and from the " +
            "components' own planners, so it shows exactly what a grant creates.",
        "",
        "- [AWS](#aws)",
        "- [Azure](#azure)",
        "- [Google Cloud](#google-cloud)",
        "",
        ...aws,
        ...azure,
        ...gcp,
    ].join("\n");
}
