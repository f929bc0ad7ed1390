/** One pinned policy: its name, default enforcement level and severity. */
export type ManifestRow = readonly [name: string, enforcementLevel: string, severity: string];
