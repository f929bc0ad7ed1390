// The pack's entry point: constructing the PolicyPack starts the analyzer server, so nothing imports
// this file but the Pulumi runner. The SDK reads the pack version from package.json in the working
// directory, which the runner sets to this pack's directory. AnalyzeStack is served by our handler
// that reads the stack once for every stack policy (lib/serve/serve.ts).
import { PolicyPack } from "@pulumi/policy";
import { servingStackReadOnce } from "./lib/serve/serve";
import { policies } from "./policies";

servingStackReadOnce(
    () =>
        new PolicyPack("perimeter-serverless-iam", {
            policies,
            displayName: "Perimeter: least-privilege serverless identity",
            description:
                "Least-privilege identity for serverless functions on AWS, Azure and Google Cloud: one identity per function, no admin or wildcard grants, no long-lived credentials.",
            enforcementLevel: "advisory",
        }),
);
