/**
 * Runs `task` over `items` with at most `workers` in flight, results in input order. Each audited file
 * starts its own policy-pack process, so the pool is what bounds the number of processes.
 *
 * On the first failure no new task starts; the running ones finish (their pack processes shut down
 * cleanly) and then the first error is thrown.
 */
export async function mapWithWorkers<T, R>(
    items: readonly T[],
    workers: number,
    task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
    const results: R[] = [];
    let next = 0;
    let failure: { error: unknown } | undefined;
    const worker = async (): Promise<void> => {
        while (failure === undefined && next < items.length) {
            const index = next++;
            try {
                results[index] = await task(items[index] as T, index);
            } catch (error) {
                failure ??= { error };
            }
        }
    };
    const count = Math.max(1, Math.min(workers, items.length));
    await Promise.all(Array.from({ length: count }, worker));
    if (failure !== undefined) {
        throw failure.error;
    }
    return results;
}
