/** One dependency /readyz reports: null when it can do its part, else why not. `required`: without it the process is not ready. */
export type Probe = { readonly name: string; readonly required: boolean; check(): Promise<string | null> };

export type ReadinessReport = { readonly ready: boolean; readonly checks: Readonly<Record<string, string>> };

/**
 * Every dependency this process was configured with, asked at once: the database, the broker
 * where this process delivers, each neighbour's circuit breaker. A neighbour whose breaker is
 * open leaves the service degraded but serving (names go missing, a film cannot be looked up),
 * so it is reported, not failed on; the database and the broker are failed on.
 */
export const readinessOf = (probes: readonly Probe[]) => async (): Promise<ReadinessReport> => {
  const results = await Promise.all(probes.map(async (p) => [p, await p.check().catch((error: Error) => error.message)] as const));
  return {
    ready: results.every(([p, problem]) => !p.required || problem === null),
    checks: Object.fromEntries(results.map(([p, problem]) => [p.name, problem ?? 'ok'])),
  };
};
