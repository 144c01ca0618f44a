/** Percentiles of latencies in milliseconds (nearest rank). */
export const percentiles = (samples: number[]): { p50: number; p95: number; p99: number } => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  const round = (n: number): number => Math.round(n * 100) / 100;
  return { p50: round(at(50)), p95: round(at(95)), p99: round(at(99)) };
};

export const table = (rows: Array<Record<string, string | number>>): string => {
  // Every column any row has; a row without one shows '-'.
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (r: Record<string, string | number>, h: string) => String(r[h] ?? '-');
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => cell(r, h).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(headers.map((h) => cell(r, h))))].join('\n');
};
