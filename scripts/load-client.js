// The load generator's side of `npm run load`: every autocannon run of a scenario in this one
// worker thread, so the client takes one core at most and the server keeps the main thread.
import { parentPort, workerData } from "node:worker_threads";
import autocannon from "autocannon";

const results = await Promise.all(
  workerData.runs.map(
    ({ url, options }) =>
      new Promise((resolve, reject) => {
        // Off the main thread autocannon hands back raw histograms, to be aggregated by the caller.
        autocannon({ url, ...options, skipAggregateResult: true }, (error, raw) =>
          error ? reject(error) : resolve(autocannon.aggregateResult([raw], { url, ...options })),
        );
      }),
  ),
);
parentPort.postMessage(results);
