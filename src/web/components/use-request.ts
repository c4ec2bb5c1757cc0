import { type DependencyList, useCallback, useEffect, useState } from "react";
import { isAbortError } from "../api/client";

export type RequestState<T> = {
  data: T | undefined;
  error: unknown;
  isLoading: boolean;
  reload: () => void;
};

/**
 * Runs `load` now and whenever `deps` change; a newer run aborts the older one, so a slow answer
 * never overwrites a newer one. Keeps the previous data while reloading (tables do not flash empty).
 */
export function useRequest<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): RequestState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [isLoading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when `load` changes.
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    load(controller.signal)
      .then((result) => {
        // An answer that resolved just as a newer run started is stale: never let it land.
        if (controller.signal.aborted) return;
        setData(result);
        setError(undefined);
      })
      .catch((cause: unknown) => {
        if (!isAbortError(cause) && !controller.signal.aborted) setError(cause);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, isLoading, reload };
}
