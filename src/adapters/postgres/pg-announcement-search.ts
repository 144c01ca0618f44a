import { NO_RATINGS, ratingSide, type BookingStatus } from '../../domain/index.js';
import type { SearchCriteria, SearchKey } from '../../application/index.js';
import { createHash } from 'node:crypto';
import { rows, type Queryable } from './pg-client.js';
import { cellsAround } from './pg-geo-cells.js';
import type { StampedHit, StampedSearch } from './pg-search-cache.js';
import { ANNOUNCEMENT_COLUMNS, ANNOUNCEMENT_TIMES, jsonRows, toAnnouncementState, withDates, type AnnouncementRow, type JsonRow } from './pg-rows.js';

/** A host's rating totals (user_ratings), as a hit carries them. */
type HostRatingRow = { host_sum: number; host_count: number; guest_sum: number; guest_count: number };

/** A hit's columns, with the stamp a kept page checks it by (pg-search-cache.ts). */
const HIT_COLUMNS = `${ANNOUNCEMENT_COLUMNS}, a.detail_stamp::text AS detail_stamp`;

const hashOf = (text: string): string => createHash('sha1').update(text).digest('base64url').slice(0, 16);

/** Builds `$n` placeholders as values are added, so each filter reads as one line. */
class Sql {
  readonly values: unknown[] = [];
  readonly where: string[] = [];
  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  and(clause: string): void {
    this.where.push(clause);
  }
}

const METRES_PER_KM = 1000;
/** near= statements list their grid cells in multiples of this, padded with NO_CELL (cell ids are never negative). */
const CELL_STEP = 8;
const NO_CELL = -1;
const DAY_MS = 24 * 3600_000;
/** A near= search in time order reads the first week, then the next eight, then the rest, until a page is full. */
const NEAR_WINDOWS_DAYS = [7, 63];

/**
 * The parts a search runs in, in order. A near= search walks each grid cell in time order and
 * merges them, and the merge cannot go on until every cell has given its next row: a cell with
 * area centres in the circle but no screening there (a lake at the rim) is read to its end. In
 * windows of time that read stops at the window's end — at 10 M screenings one such cell cost
 * 109 ms for the whole year (docs/BENCHMARKS.md). A dense place fills its page in the first
 * window; an empty one asks three times, each fast. Without a start (no `from`, no cursor) or by
 * rating there is no time to cut: one part.
 */
export const searchParts = (c: SearchCriteria): SearchCriteria[] => {
  const cursor = c.after?.sort === 'startsAt' ? Date.parse(c.after.startsAt) : undefined;
  const start = c.from && cursor !== undefined ? Math.max(c.from.getTime(), cursor) : (c.from?.getTime() ?? cursor);
  if (!c.near || c.sort !== 'startsAt' || start === undefined) return [c];
  const end = c.to?.getTime() ?? Infinity;
  const bounds = [...NEAR_WINDOWS_DAYS.map((days) => start + days * DAY_MS).filter((b) => b < end), end];
  return bounds.map((bound, i) => ({ ...c, ...(i > 0 ? { from: new Date(bounds[i - 1]!) } : {}), ...(bound === Infinity ? {} : { to: new Date(bound) }) }));
};

/** Runs the parts of a search in order, each asked for what the page still lacks, until the page is full. */
export const inParts = async <T>(c: SearchCriteria, run: (part: SearchCriteria) => Promise<readonly T[]>): Promise<T[]> => {
  const found: T[] = [];
  for (const part of searchParts(c)) {
    found.push(...(await run({ ...part, limit: c.limit - found.length })));
    if (found.length >= c.limit) break;
  }
  return found;
};

/**
 * A server's connections never JIT-compile: every statement here is short, and a plan priced past
 * `jit_above_cost` — a near= search that finds a rare tag by its index, which PostgreSQL prices by
 * the tens of thousands of rows it would expect — spent 420 ms compiling for a 0.1 ms run at 10 M
 * screenings. Set at connection start, so not where statements are not prepared either (PGlite,
 * which has no JIT; a transaction-mode pooler, which may refuse startup options).
 */
export const NO_JIT = '-c jit=off';

/**
 * The setting of the connections near= searches run on (a pool of their own, `-c` in its
 * startup `options`). Each window's statement is named (prepared) per connection, but with
 * PostgreSQL's default, `auto`, it keeps being planned for its parameters while its generic
 * plan looks dearer: tens of per-cell subqueries, some 2 ms a window at 10 M screenings — more
 * than running them when the area is empty. The generic plan is the same walk (each cell's
 * index in time order); forced, a statement is planned once per connection (BENCHMARKS.md,
 * search at 10 M). A pool of their own, and not `SET LOCAL` in a transaction around them: that
 * cost two round trips, half a millisecond on a dense area's one-window search; and not the
 * whole pool: other statements are better planned for their parameters. The searches in time
 * order without words or tags (`plannedOnce`) run there too. JIT is off there: a generic plan
 * prices `LIMIT $n` as a tenth of the rows, which put the first page's plan at 10 M screenings
 * past `jit_above_cost`, and PostgreSQL compiled it at every run — 40 ms for a 0.5 ms search.
 */
export const GENERIC_PLANS = `-c plan_cache_mode=force_generic_plan ${NO_JIT}`;

/**
 * Whether a search runs on its generic plan, made once per connection (GENERIC_PLANS): near=
 * searches (above), and searches in time order that filter by no words, no tags and at most one
 * of city, film and host. Those walk the one index that matches their filter and their order
 * whatever the values — the generic plan is the plan PostgreSQL makes for the values, and planning
 * it anew cost PostgreSQL 0.5 ms of a page's 0.7 (EXPLAIN ANALYZE, 2026-12-07). It looked dearer
 * only because a generic LIMIT is priced as a tenth of the rows, so PostgreSQL's own choice
 * (`auto`) kept planning it. Words and tags are planned for the values: how rare they are decides
 * between their GIN index and the walk in time order; two of city, film and host, which index.
 */
export const plannedOnce = (c: SearchCriteria): boolean =>
  c.near !== undefined ||
  (c.sort === 'startsAt' && !c.q && !c.tags?.length && [c.city, c.movieId, c.hostId].filter((v) => v !== undefined).length <= 1);

/**
 * How many screenings PostgreSQL's statistics say each term of a search matches, and how many
 * the table holds: each word of `q` ($1) in `search_vector`, each tag ($2) in `tags` — its share
 * among the column's most common elements, times the rows. A term not among them is rarer than
 * ANALYZE keeps: where the list is full (statistics target × 10 elements), half the least common
 * one's share, as PostgreSQL estimates it; where it is not, none — ANALYZE kept every element it
 * could count, and half the least common of ten tags a quarter of the screenings carry would call
 * a tag nobody uses common. A term of a column never analysed has no row.
 */
export const TERM_MATCHES = `WITH terms AS (
    SELECT 'search_vector'::name AS attname, w AS term FROM unnest(tsvector_to_array(to_tsvector('simple', $1))) AS w
    UNION ALL SELECT 'tags'::name, t FROM unnest($2::text[]) AS t),
  known AS (SELECT s.attname, s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs AS freqs,
      10 * coalesce(nullif(a.attstattarget, -1), current_setting('default_statistics_target')::int) AS room
    FROM pg_stats s JOIN pg_attribute a ON a.attrelid = 'announcements'::regclass AND a.attname = s.attname
    WHERE s.schemaname = current_schema() AND s.tablename = 'announcements' AND s.attname IN ('search_vector', 'tags')
      AND s.most_common_elems IS NOT NULL)
  SELECT terms.attname::text AS column, terms.term, t.reltuples AS rows,
    coalesce(k.freqs[array_position(k.elems, terms.term)],
      CASE WHEN cardinality(k.elems) >= k.room THEN k.freqs[cardinality(k.elems) + 1] / 2 ELSE 0 END) * t.reltuples AS matches
  FROM terms JOIN known k USING (attname) CROSS JOIN pg_class t WHERE t.oid = 'announcements'::regclass`;

/** One term's estimate (TERM_MATCHES): a word of `q`, or a tag. */
export type TermEstimate = { readonly column: 'search_vector' | 'tags'; readonly term: string; readonly matches: number; readonly rows: number };

/**
 * The term a near= search should find its screenings by, with that term's index, keeping those
 * in the circle — or null: walk the circle's grid cells in time order with the terms as filters.
 * Terms that matched nothing near a dense place made that walk read every cell to its end, in
 * each window of time (p95 ≈ 620 ms at 10 M, docs/BENCHMARKS.md). The walk stops once it has met
 * `limit` matches, about limit / share rows for the rarest term's share of the screenings; finding
 * them by the term reads every match, share × rows. The two cost the same where share² = limit /
 * rows: the rarest term first below that (1 M screenings, a page of 21: up to ~4 600 matches).
 */
export const rarestFirst = (estimates: readonly TermEstimate[], limit: number): TermEstimate | null => {
  const rarest = estimates.reduce<TermEstimate | null>((best, e) => (best === null || e.matches < best.matches ? e : best), null);
  return rarest !== null && rarest.matches * rarest.matches <= limit * rarest.rows ? rarest : null;
};

/**
 * TERM_MATCHES by the terms of a search, kept for a minute: the statistics change only when the
 * table is analysed, and the read cost a near= search with common words 0.7 ms of some 10.
 */
class TermEstimates {
  private static readonly KEEP_MS = 60_000;
  private static readonly MAX = 1000;
  private readonly known = new Map<string, { readonly at: number; readonly estimates: readonly TermEstimate[] }>();
  constructor(private readonly db: Queryable) {}

  async of(q: string, tags: readonly string[]): Promise<readonly TermEstimate[]> {
    const key = JSON.stringify([q, tags]);
    const now = performance.now();
    const kept = this.known.get(key);
    if (kept && now - kept.at < TermEstimates.KEEP_MS) return kept.estimates;
    const estimates = await rows<TermEstimate>(this.db, TERM_MATCHES, [q, tags]);
    if (this.known.size >= TermEstimates.MAX) this.known.clear();
    this.known.set(key, { at: now, estimates });
    return estimates;
  }
}

/**
 * RULES §6 search in one statement. Every filter has an index (see the migration and
 * docs/SEARCH-PLANS.md); the ORDER BY matches an index so LIMIT stops early.
 */
export class PgAnnouncementSearch implements StampedSearch {
  /**
   * `prepare`: name the statements whose planning is dear, so PostgreSQL reuses their plans.
   * Off for PGlite, whose one session outlives a replaced connection (a name would clash).
   */
  constructor(
    private readonly db: Queryable,
    private readonly prepare = true,
    /** Where the searches `plannedOnce` run: connections whose plan_cache_mode is force_generic_plan (GENERIC_PLANS). */
    private readonly genericDb: Queryable = db,
    /** How many screenings each term matches, for near= searches with words or tags (`rarestFirst`). */
    private readonly estimates = new TermEstimates(db),
  ) {}

  async search(c: SearchCriteria): Promise<StampedHit[]> {
    // Planned for its values on the main pool, so that PostgreSQL sees how rare the term is.
    const first = await this.rarestTerm(c);
    if (first) return this.searchOne(this.db, c, first);
    const db = plannedOnce(c) ? this.genericDb : this.db;
    return inParts(c, (part) => this.searchOne(db, part));
  }

  /** The term a near= search finds its screenings by (`rarestFirst`), or null; without statistics, it walks the cells. */
  private async rarestTerm(c: SearchCriteria): Promise<TermEstimate | null> {
    if (!c.near || (!c.q && !c.tags?.length)) return null;
    return rarestFirst(await this.estimates.of(c.q ?? '', c.tags ?? []), c.limit);
  }

  private async searchOne(db: Queryable, c: SearchCriteria, first: Pick<TermEstimate, 'column' | 'term'> | null = null): Promise<StampedHit[]> {
    const { text, values, name } = this.statement(c, first);
    const found = await rows<JsonRow>(db, { text, name }, values);
    return found.map(({ r }) => {
      const row = withDates<AnnouncementRow & { viewer_status: BookingStatus | null; detail_stamp: string; host_rating: HostRatingRow | null }>(r, ANNOUNCEMENT_TIMES);
      const announcement = toAnnouncementState(row);
      const sort = c.sort;
      return {
        announcement,
        // Only a page's last hit gives its key (the next cursor): made when asked, not for every row.
        get key(): SearchKey {
          const startsAt = announcement.startsAt.toISOString();
          return sort === 'rating'
            ? { sort, score: Number(row.host_score), startsAt, id: announcement.id }
            : { sort, startsAt, id: announcement.id };
        },
        viewerBooking: row.viewer_status ? { status: row.viewer_status } : null,
        hostRating: row.host_rating
          ? { asHost: ratingSide(row.host_rating.host_sum, row.host_rating.host_count), asGuest: ratingSide(row.host_rating.guest_sum, row.host_rating.guest_count) }
          : NO_RATINGS,
        stamp: row.detail_stamp,
      };
    });
  }

  /**
   * The one statement a search runs; public so that the benchmark can EXPLAIN exactly it.
   * `first`: a near= search that finds its screenings by this term's index — the words, or one
   * tag — everything else, the circle too, a filter (`rarestFirst` says when).
   */
  statement(c: SearchCriteria, first: Pick<TermEstimate, 'column' | 'term'> | null = null): { text: string; values: unknown[]; name?: string } {
    const q = new Sql();
    const viewer = q.param(c.viewerId);
    q.and(`a.status = ${q.param(c.status)}`);
    // S3: no host with a block between them and the viewer, made by either (the set is read once per statement).
    q.and('a.host_id NOT IN (SELECT id FROM hidden_hosts)');
    // A5, I1, I2: friends-only for the host's friends and those invited (a link's invitation lives until the start).
    q.and(`(a.privacy = 'public' OR a.host_id = ANY(${q.param(c.friendHostIds)}::uuid[])
      OR EXISTS (SELECT 1 FROM invited v WHERE v.announcement_id = a.id AND (v.direct OR a.starts_at > ${q.param(c.now)})))`);
    if (c.from) q.and(`a.starts_at >= ${q.param(c.from)}`);
    if (c.to) q.and(`a.starts_at < ${q.param(c.to)}`);
    if (c.city) q.and(`lower(a.city) = lower(${q.param(c.city)})`);
    if (c.movieId) q.and(`a.movie_id = ${q.param(c.movieId)}`);
    if (c.hostId) q.and(`a.host_id = ${q.param(c.hostId)}`);
    if (c.isFree !== undefined) q.and(`a.is_free = ${q.param(c.isFree)}`);
    if (c.privacy) q.and(`a.privacy = ${q.param(c.privacy)}`);
    // Near a point, each grid cell is walked in time order: tags and words only filter there.
    // (With the cell id as a run-time parameter the planner would AND in the whole GIN index per cell.)
    // The rarest term first, its index alone finds the screenings and the other terms only filter:
    // ANDing in the bitmap of a tag a quarter of them carry cost 33 of a search's 37 ms at 1 M.
    const walksCells = c.near !== undefined && first === null;
    const onlyFilter = (clause: string, when: boolean): string => (when ? `coalesce(${clause}, false)` : clause);
    if (first?.column === 'tags') q.and(`a.tags @> ARRAY[${q.param(first.term)}::text]`);
    if (c.tags?.length) q.and(onlyFilter(`a.tags @> ${q.param(c.tags)}::text[]`, c.near !== undefined));
    if (c.hasSeats) q.and('a.seats_taken < a.capacity');
    if (c.minHostRating !== undefined) q.and(`a.host_score >= ${q.param(c.minHostRating)}`);
    if (c.q) q.and(onlyFilter(`a.search_vector @@ plainto_tsquery('simple', ${q.param(c.q)})`, walksCells || first?.column === 'tags'));
    if (c.near) {
      // S1: measured from the area's centre (area_lat/lon, the domain's searchPointOf), never from the place.
      const centre = `ll_to_earth(${q.param(c.near.lat)}, ${q.param(c.near.lon)})`;
      // `a.lat IS NOT NULL` is the grid indexes' predicate: without it they cannot be used (9 s per search at 1 M).
      q.and(`a.lat IS NOT NULL AND a.area_lat IS NOT NULL AND earth_distance(${centre}, ll_to_earth(a.area_lat, a.area_lon)) <= ${q.param(c.near.radiusKm * METRES_PER_KM)}`);
    }
    if (c.after?.sort === 'startsAt') q.and(`(a.starts_at, a.id) > (${q.param(c.after.startsAt)}, ${q.param(c.after.id)}::uuid)`);
    if (c.after?.sort === 'rating') {
      const score = q.param(c.after.score);
      q.and(`(a.host_score < ${score} OR (a.host_score = ${score} AND (a.starts_at, a.id) > (${q.param(c.after.startsAt)}, ${q.param(c.after.id)}::uuid)))`);
    }
    const order = c.sort === 'rating' ? 'a.host_score DESC, a.starts_at, a.id' : 'a.starts_at, a.id';
    const limit = q.param(c.limit);
    const where = q.where.join(' AND ');
    const hidden = `WITH hidden_hosts AS (SELECT blocked_id AS id FROM blocks WHERE blocker_id = ${viewer} UNION ALL SELECT blocker_id FROM blocks WHERE blocked_id = ${viewer}),
      invited AS (SELECT i.announcement_id, i.link_id IS NULL AS direct FROM invitations i LEFT JOIN invite_links l ON l.id = i.link_id
                   WHERE i.user_id = ${viewer} AND (i.link_id IS NULL OR l.revoked_at IS NULL))`;
    // The host's rating totals come with each hit (SearchHit.hostRating): a page is one statement.
    const viewerStatus = `(SELECT b.status FROM bookings b WHERE b.announcement_id = a.id AND b.guest_id = ${viewer} ORDER BY b.created_at DESC, b.id DESC LIMIT 1) AS viewer_status,
      (SELECT json_build_object('host_sum', r.host_sum, 'host_count', r.host_count, 'guest_sum', r.guest_sum, 'guest_count', r.guest_count)
         FROM user_ratings r WHERE r.user_id = a.host_id) AS host_rating`;
    // A place's grid cell holds its area centre, so the cells with an area centre in the circle are all it takes.
    const grid = c.near && walksCells ? cellsAround(c.near.lat, c.near.lon, c.near.radiusKm) : null;
    // Each row comes back as one JSON value: pg reads a row description of one column and runs one
    // JSON.parse a row, instead of a parser for each of some thirty columns of twenty rows (its
    // share of the service's CPU for a page fell from a fifth; the order is the inner one's, again).
    const asJson = (inner: string) => jsonRows(inner, order.replaceAll('a.', 'r.'));
    if (first) {
      // The term's matches, then their order: behind OFFSET 0 the inner query has no order and no
      // limit to walk an index in time order for, so it reads the term's GIN index. Planned with the
      // order, a tag ANALYZE never saw (priced at 0.5 % of the rows, PostgreSQL's floor for an
      // element it does not know) had the time index walked to its end: seconds at 10 M.
      const text = asJson(`${hidden} SELECT a.*, ${viewerStatus} FROM (SELECT ${HIT_COLUMNS} FROM announcements a WHERE ${where} OFFSET 0) AS a ORDER BY ${order} LIMIT ${limit}`);
      return { text, values: q.values };
    }
    // No cell at all: the circle holds no area centre (it is smaller than the gaps between them), so nothing matches.
    if (!grid || grid.cells.length === 0) {
      const text = asJson(`${hidden} SELECT ${HIT_COLUMNS}, ${viewerStatus} FROM announcements a WHERE ${where}${grid ? ' AND false' : ''} ORDER BY ${order} LIMIT ${limit}`);
      // Named where it runs on its generic plan (plannedOnce): the texts are a few shapes, one plan each per connection.
      return { text, values: q.values, ...(this.prepare && !grid && plannedOnce(c) ? { name: `search-${hashOf(text)}` } : {}) };
    }
    // One time-ordered scan per grid cell, merged lazily (Merge Append): a cell whose screenings
    // come later is hardly read, however dense it is.
    // Padded with a cell no place is in, the text depends on the number of cells only in steps of
    // CELL_STEP: searches share a few named statements, whose generic plans PostgreSQL may keep
    // per connection, instead of one statement each, planned afresh (12 ms for 35 cells at 10 M),
    // and run on their generic plans (GENERIC_PLANS).
    const cells = [...grid.cells, ...Array.from({ length: (CELL_STEP - (grid.cells.length % CELL_STEP)) % CELL_STEP }, () => NO_CELL)];
    const perCell = cells.map((cell) =>
      `(SELECT ${HIT_COLUMNS} FROM announcements a WHERE ${where} AND a.${grid.level.column} = ${q.param(cell)} ORDER BY ${order} LIMIT ${limit})`);
    const text = asJson(`${hidden} SELECT a.*, ${viewerStatus} FROM (${perCell.join(' UNION ALL ')}) AS a ORDER BY ${order} LIMIT ${limit}`);
    // Planning tens of per-cell subqueries costs more than running them; the text depends only
    // on the search's shape, so a named (prepared) statement lets PostgreSQL reuse its plan.
    const name = this.prepare ? `near-${hashOf(text)}` : undefined;
    return { text, values: q.values, ...(name ? { name } : {}) };
  }
}
