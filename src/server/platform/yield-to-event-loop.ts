/**
 * Lets the event loop answer waiting requests before long work goes on: a computation over a
 * county's whole ledger (a data-quality scan) runs in slices between these, so no request waits
 * behind all of it.
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
