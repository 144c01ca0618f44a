import type { Row } from './hot-paths.js';

/** What one bench run left in bench/*.json: when, at which commit, by which command. */
export type RunInfo = { date: string; commit?: string; command?: string; machine?: string };
export type BenchResults = RunInfo & {
  scales: Record<number, Row[]>;
  seedSeconds?: Record<number, number>;
  memory?: Row[];
  embeddedWrites?: number;
  hot?: Record<string, Row[]>;
};

/** Each part of the aims from the newest run that measured it. */
export type AimSources = {
  hot?: RunInfo & { hot: Record<string, Row[]> };
  memory?: RunInfo & { memory: Row[]; embeddedWrites: number };
  search?: RunInfo & { scales: Record<number, Row[]>; seedSeconds?: Record<number, number> };
  /** A run with both 1 M and 10 M, for the growth aim. */
  growth?: RunInfo & { scales: Record<number, Row[]>; seedSeconds?: Record<number, number> };
};

/** The newest of `runs` that has the part `has` looks for. */
export const newest = <T extends RunInfo>(runs: Array<T | undefined>, has: (run: T) => boolean): T | undefined =>
  runs.filter((r): r is T => r !== undefined && has(r)).sort((a, b) => b.date.localeCompare(a.date))[0];

type Aim = { aim: string; measured: string; baseline: string; ratio: string; target: string; met: boolean | null; run: string };

const n = (v: unknown) => Number(v);
const row = (rows: Row[] | undefined, index: number): Row => {
  const found = rows?.[index];
  if (!found) throw new Error(`bench results lack row ${index}`);
  return found;
};
const runOf = (info: RunInfo | undefined): string =>
  info ? `${info.date.slice(0, 16).replace('T', ' ')} UTC, ${info.commit ?? 'commit not recorded'}, \`${info.command ?? 'npm run bench'}\`` : '-';

/** The aims of the performance work, each as measured in one run against its baseline from the same run. */
export const aims = (sources: AimSources): Aim[] => {
  const hot = sources.hot?.hot ?? {};
  const out: Aim[] = [];
  const hotRun = runOf(sources.hot);
  const ratioAim = (aim: string, rows: Row[] | undefined, unit: string, target: number, atMost = false): void => {
    if (!rows) return;
    const base = row(rows, 0);
    const measured = row(rows, rows.length - 1);
    const ratio = n(measured.ratio);
    out.push({ aim, measured: `${measured[unit]} ${unit} (${measured.run})`, baseline: `${base[unit]} ${unit} (${base.run})`,
      ratio: String(ratio), target: `${atMost ? '≤' : '≥'} ${target}`, met: atMost ? ratio <= target : ratio >= target, run: hotRun });
  };
  ratioAim('1. bookings/s against pgbench running the minimal booking, prepared', hot.writes?.slice(0, 2), 'bookings/s', 0.6);
  ratioAim('1. bookings/s against pgbench\'s tpcb-like, prepared', hot.tpcb, 'bookings/s', 0.4);
  const history = hot.history;
  ratioAim('2. no cliff: bookings/s with a long history', history?.slice(0, 2), 'value', 0.8);
  ratioAim('2. no cliff: GET /announcements/{id} with a long history', history?.slice(2, 4), 'value', 0.8);
  ratioAim('3. GET /announcements/{id}, 25 guests, against bare Koa', hot.reads?.slice(0, 2), 'req/s', 0.35);
  ratioAim('3. a search page of 20 against bare Koa', hot.reads?.slice(2, 4), 'req/s', 0.3);
  ratioAim('4. 100 guests on one screening against spread load', hot.contention, 'bookings/s', 0.8);
  const memory = sources.memory;
  const restarted = memory?.memory.find((r) => String(r.run).includes('after a restart'));
  const baseline = memory?.memory[0];
  if (memory && restarted && baseline) {
    const run = runOf(memory);
    out.push({ aim: '5. embedded default: idle RSS', measured: `${restarted['idle RSS (MB)']} MB`, baseline: `${baseline['idle RSS (MB)']} MB (${baseline.run})`,
      ratio: String(Math.round((n(restarted['idle RSS (MB)']) / n(baseline['idle RSS (MB)'])) * 100) / 100), target: '≤ 200 MB', met: n(restarted['idle RSS (MB)']) <= 200, run });
    out.push({ aim: `5. embedded default: peak RSS during ${memory.embeddedWrites.toLocaleString('en')} write requests`, measured: `${restarted['peak RSS under load (MB)']} MB, ${restarted['RSS after, settled (MB)']} MB settled after`,
      baseline: `${baseline['peak RSS under load (MB)']} MB (${baseline.run})`,
      ratio: String(Math.round((n(restarted['peak RSS under load (MB)']) / n(baseline['peak RSS under load (MB)'])) * 100) / 100), target: '≤ 300 MB', met: n(restarted['peak RSS under load (MB)']) <= 300, run });
  }
  if (hot.embedded) {
    const embedded = row(hot.embedded, 1);
    out.push({ aim: '5. embedded default: bookings/s beside the server\'s', measured: `${embedded['bookings/s']} bookings/s`, baseline: `${row(hot.embedded, 0)['bookings/s']} bookings/s (PostgreSQL server)`,
      ratio: String(embedded.ratio), target: 'reported', met: null, run: hotRun });
  }
  ratioAim('6. GET /bookings, 1 000 bookings against 10 (p50)', hot.myBookings, 'p50 ms', 2, true);
  const search = sources.search;
  if (search?.scales[1_000_000]) {
    const at1m = search.scales[1_000_000];
    const slowest = at1m.filter((r) => !String(r.mix).startsWith('baseline')).reduce((a, r) => (n(r.p99) > n(a.p99) ? r : a));
    const byId = at1m.find((r) => String(r.mix).includes('/announcements/{id}'))!;
    out.push({ aim: '7. search: every mix p99 at 1,000,000 screenings', measured: `${slowest.p99} ms (slowest: ${slowest.mix})`,
      baseline: `${byId.p99} ms (GET /announcements/{id} p99)`, ratio: String(Math.round((n(slowest.p99) / n(byId.p99)) * 10) / 10), target: '≤ 25 ms',
      met: n(slowest.p99) <= 25, run: runOf(search) });
  }
  const growthRun = sources.growth;
  const tenMillion = growthRun && Object.keys(growthRun.scales).map(Number).find((s) => s >= 10_000_000);
  if (growthRun && tenMillion) {
    const growth = growthRun.scales[tenMillion]!.filter((r) => !String(r.mix).startsWith('baseline')).map((r) => {
      const at1m = growthRun.scales[1_000_000]!.find((o) => o.mix === r.mix)!;
      return { mix: r.mix, p99: n(r.p99), at1m: n(at1m.p99), ratio: n(r.p99) / n(at1m.p99) };
    }).reduce((a, r) => (r.ratio > a.ratio ? r : a));
    const seed = growthRun.seedSeconds?.[tenMillion];
    out.push({ aim: `7. search at ${tenMillion.toLocaleString('en')}: every mix p99 against its 1 M p99`,
      measured: `worst: ${growth.mix}, ${growth.p99} ms${seed === undefined ? '' : ` (9 M more screenings seeded in ${seed} s)`}`,
      baseline: `${growth.at1m} ms, the same mix at 1 M`, ratio: String(Math.round(growth.ratio * 100) / 100), target: '≤ 2', met: growth.ratio <= 2,
      run: runOf(growthRun) });
  } else {
    out.push({ aim: '7. search at 10 M: every mix p99 against its 1 M p99', measured: 'not measured', baseline: '-', ratio: '-',
      target: '≤ 2 (run with --only search --scales 1000000,10000000)', met: null, run: '-' });
  }
  return out;
};

export const aimsReport = (sources: AimSources): string => {
  const lines = aims(sources).map((a) =>
    `| ${a.aim} | ${a.measured} | ${a.baseline} | ${a.ratio} | ${a.target} | ${a.met === null ? '-' : a.met ? 'met' : 'not met'} | ${a.run} |`);
  const machine = sources.hot?.machine ?? sources.search?.machine ?? 'this machine';
  return '# Performance aims, measured\n\n' +
    `Written by \`npm run bench -- … --write-docs\` on ${machine}. Every ratio is to a baseline measured in the same run as ` +
    'what it is compared with; each aim comes from the newest run in bench/*.json that measured it, named in the last column ' +
    '(date, commit, command). What each measurement does, and what bounds an aim that is not met, is in [BENCHMARKS.md](BENCHMARKS.md).\n\n' +
    '| aim | measured | baseline | ratio | target | | run |\n|---|---|---|---|---|---|---|\n' + `${lines.join('\n')}\n`;
};
