/**
 * The provider SDKs are optional peer dependencies (an AWS-only project installs no Azure SDK), so a
 * cloud's module checks that its SDK is there before it loads it, and says what to install instead
 * of Node's bare "Cannot find module".
 */
export function requireProviderSdk(sdk: string, classes: string): void {
    try {
        require.resolve(sdk);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") {
            throw error;
        }
        throw new Error(
            `${classes} need the provider SDK '${sdk}', which is not installed in this project: ` +
                `run \`npm install ${sdk}\` (perimeter lists it as an optional peer dependency)`,
        );
    }
}
