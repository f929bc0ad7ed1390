/**
 * What a log reader could not use, counted by reason, with the first file each reason was met in: a
 * report says how many records were skipped and why, instead of failing on the first odd one.
 */
export interface SkipReason {
    readonly reason: string;
    readonly count: number;
    /** The first file it was met in. */
    readonly file: string;
}

export class SkippedRecords {
    private readonly byReason = new Map<string, { count: number; file: string }>();
    private used = 0;

    /** One record (or file) not used, and why. */
    add(reason: string, file: string): void {
        const entry = this.byReason.get(reason);
        if (entry === undefined) {
            this.byReason.set(reason, { count: 1, file });
        } else {
            entry.count += 1;
        }
    }

    /** One record used. */
    read(): void {
        this.used += 1;
    }

    get recordsUsed(): number {
        return this.used;
    }

    /** The reasons, most frequent first. */
    reasons(): SkipReason[] {
        return [...this.byReason]
            .map(([reason, { count, file }]) => ({ reason, count, file }))
            .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
    }
}
