/**
 * What the reliability suites measured, printed once at the end of the run: the figures
 * docs/RELIABILITY.md quotes come from this table. Kept on globalThis because mocha loads the
 * root hooks (require) and the suites (import) as separate module instances.
 */
type Row = [string, Record<string, string | number>];
const rows = (): Row[] => ((globalThis as { wtReliability?: Row[] }).wtReliability ??= []);

export const record = (scenario: string, figures: Record<string, string | number>): void => {
  rows().push([scenario, figures]);
};

export const reliabilityReport = (): string =>
  rows().map(([scenario, figures]) => `  ${scenario}: ${Object.entries(figures).map(([k, v]) => `${k} ${v}`).join(', ')}`).join('\n');
