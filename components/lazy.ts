/**
 * Defines exports that load their module on first use, as the Pulumi provider SDKs do: importing
 * "perimeter" must not load @pulumi/azure-native for an AWS-only program (and such a user need not
 * install it at all: the provider SDKs are optional peer dependencies).
 */
export function lazyLoad(target: object, names: readonly string[], load: () => unknown): void {
    for (const name of names) {
        Object.defineProperty(target, name, {
            enumerable: true,
            get: () => (load() as Record<string, unknown>)[name],
        });
    }
}
