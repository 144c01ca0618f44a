import type pg from 'pg';

/** 50 cities with coordinates: the city and near filters have something real to find. */
export const CITIES: Array<[string, number, number]> = [
  ['Berlin', 52.52, 13.405], ['Paris', 48.857, 2.352], ['London', 51.507, -0.128], ['Madrid', 40.417, -3.704],
  ['Rome', 41.903, 12.496], ['Vienna', 48.208, 16.373], ['Prague', 50.075, 14.438], ['Warsaw', 52.23, 21.012],
  ['Amsterdam', 52.368, 4.904], ['Brussels', 50.85, 4.352], ['Lisbon', 38.722, -9.139], ['Dublin', 53.35, -6.26],
  ['Copenhagen', 55.676, 12.568], ['Stockholm', 59.329, 18.069], ['Oslo', 59.914, 10.752], ['Helsinki', 60.17, 24.938],
  ['Athens', 37.984, 23.728], ['Budapest', 47.498, 19.04], ['Bucharest', 44.427, 26.103], ['Sofia', 42.698, 23.322],
  ['Zagreb', 45.815, 15.982], ['Ljubljana', 46.056, 14.506], ['Bratislava', 48.149, 17.107], ['Vilnius', 54.687, 25.28],
  ['Riga', 56.949, 24.106], ['Tallinn', 59.437, 24.754], ['Munich', 48.137, 11.576], ['Hamburg', 53.551, 9.994],
  ['Cologne', 50.938, 6.96], ['Frankfurt', 50.11, 8.682], ['Milan', 45.464, 9.19], ['Naples', 40.852, 14.268],
  ['Barcelona', 41.385, 2.173], ['Valencia', 39.47, -0.376], ['Seville', 37.389, -5.984], ['Porto', 41.158, -8.629],
  ['Lyon', 45.764, 4.836], ['Marseille', 43.296, 5.37], ['Toulouse', 43.605, 1.444], ['Nice', 43.71, 7.262],
  ['Zurich', 47.377, 8.541], ['Geneva', 46.204, 6.143], ['Krakow', 50.065, 19.945], ['Gdansk', 54.352, 18.646],
  ['Manchester', 53.481, -2.243], ['Edinburgh', 55.953, -3.188], ['Rotterdam', 51.924, 4.478], ['Antwerp', 51.219, 4.402],
  ['Gothenburg', 57.709, 11.975], ['Tampere', 61.498, 23.761],
];

export const TAGS = ['snacks', 'no-pets', '18plus', 'original-audio', 'subtitles', 'vegan', 'bring-drinks', 'quiet', 'kids-welcome', 'projector'];

export const WORDS = [
  'popcorn', 'classic', 'marathon', 'noir', 'western', 'anime', 'thriller', 'comedy', 'drama', 'horror', 'documentary',
  'musical', 'romance', 'sequel', 'trilogy', 'director', 'premiere', 'rooftop', 'garden', 'balcony', 'sofa', 'beanbags',
  'pizza', 'tea', 'wine', 'cocktails', 'blankets', 'fireplace', 'projector', 'vinyl', 'discussion', 'quiz', 'cosplay',
  'retro', 'silent', 'festival', 'cult', 'indie', 'blockbuster', 'animated', 'biopic', 'heist', 'space', 'dragons',
  'detective', 'samurai', 'cowboys', 'robots', 'zombies', 'pirates', 'spies', 'superheroes', 'vampires', 'aliens',
  'dinosaurs', 'ghosts', 'wizards', 'knights', 'ninjas', 'monsters',
];

/**
 * Enough hosts that each has at most 10 screenings, one per 39.5-day slot: A2 holds by construction.
 * Each further million screenings (the 10 M scale) brings 100 000 hosts of its own; the first
 * million's rows are the same at every scale.
 */
export const HOSTS = 100_000;
const SLOTS = 10;
const SPAN_MINUTES = 395 * 24 * 60;

/**
 * Inserts screenings [from, to) straight in SQL. Deterministic per index, so growing from 10 k to
 * 1 M keeps the same rows and the same distributions: starts spread over a month back and a year
 * ahead, 50 cities, 1000 films, tags at ~25 % each, 10 % friends-only, 30 % of hosts rated. Independent
 * hashes (h1: city, film; h2: time, tags; h3: privacy, price, approval, status) keep the
 * columns uncorrelated — a shared hash once made every Berlin screening friends-only.
 */
export const seedScreenings = async (pool: pg.Pool, from: number, to: number, now: Date): Promise<void> => {
  const client = await pool.connect();
  try {
    // md5 gives 32 hex digits; setting the version and variant nibbles makes a valid UUIDv4.
    await client.query(`CREATE OR REPLACE FUNCTION pg_temp.uuid4(hex text) RETURNS uuid LANGUAGE sql IMMUTABLE
      RETURN overlay(overlay(hex PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid`);
    // Without the screenings' triggers, as a restore would: the stamps kept reads are checked by
    // (migrations detail-stamps, search-stamps) stay 0, which a read compares as any other, and the
    // seed does not queue a deferred epoch update per row.
    await client.query("BEGIN; SET LOCAL session_replication_role = replica");
    await client.query(`
    INSERT INTO announcements (id, host_id, movie_id, movie_title, movie_duration_minutes, title, description, starts_at,
      duration_minutes, ends_at, city, address, lat, lon, area_lat, area_lon, capacity, privacy, is_free, tags, approval, status, seats_taken,
      short_code, short_url, host_score, created_at, updated_at, version, start_set_at)
    SELECT pg_temp.uuid4(md5('a' || i)), pg_temp.uuid4(md5('h' || host)), 'm' || lpad((h1 % 1000)::text, 4, '0'), 'Film ' || (h1 % 1000), dur,
      'Film ' || (h1 % 1000) || ' ' || ($7::text[])[1 + h2 % cardinality($7::text[])] || ' night',
      array_to_string(ARRAY(SELECT ($7::text[])[1 + abs(hashint8(i * 31 + n)) % cardinality($7::text[])] FROM generate_series(1, 8) AS n), ' '),
      start, dur, start + dur * interval '1 minute', ($4::text[])[1 + h1 % 50], 'Street ' || (h2 % 300),
      p.lat, p.lon, (least(floor(round(p.lat * 1e7) / 100000), 8999) * 100000 + 50000) / 1e7,
      (least(floor(round(p.lon * 1e7) / 100000), 17999) * 100000 + 50000) / 1e7,
      cap, CASE WHEN h3 % 10 = 0 THEN 'friends' ELSE 'public' END, (h3 / 10) % 10 < 7,
      ARRAY(SELECT t FROM unnest($8::text[]) WITH ORDINALITY AS x(t, n) WHERE ((h2 >> (n::int * 3 - 3)) & 7) < 2),
      CASE WHEN (h3 / 100) % 5 = 0 THEN 'auto' ELSE 'manual' END,
      CASE WHEN start + dur * interval '1 minute' <= $3::timestamptz THEN 'done' WHEN (h3 / 1000) % 50 = 0 THEN 'cancelled'
        WHEN (h3 / 1000) % 33 = 0 THEN 'closed' ELSE 'open' END,
      CASE WHEN start + dur * interval '1 minute' <= $3::timestamptz OR (h3 / 1000) % 50 <> 0 THEN (h1 / 7) % (cap + 1) ELSE 0 END,
      'seed' || i, 'http://bench/s/seed' || i,
      CASE WHEN abs(hashint8(host)) % 10 < 3 THEN round(1 + (abs(hashint8(host)) % 400) / 100.0, 2) ELSE 3.00 END,
      $3::timestamptz - interval '60 days', $3::timestamptz - interval '60 days', 1, $3::timestamptz - interval '60 days'
    FROM generate_series($1::bigint, $2::bigint - 1) AS i,
      LATERAL (SELECT (i / ${HOSTS * SLOTS}) * ${HOSTS} + i % ${HOSTS} AS host, abs(hashint8(i)) AS h1, abs(hashint8(i + 1000000007)) AS h2,
        abs(hashint8(i + 2000000011)) AS h3) AS r,
      LATERAL (SELECT 80 + h1 % 120 AS dur, 2 + h2 % 19 AS cap,
        $3::timestamptz - interval '30 days' + ((((i / ${HOSTS}) + host) % ${SLOTS}) * (${SPAN_MINUTES / SLOTS})
          + h2 % (${SPAN_MINUTES / SLOTS} - 300)) * interval '1 minute' AS start) AS s,
      LATERAL (SELECT ($5::float8[])[1 + h1 % 50] + ((h2 % 200) - 100) / 1000.0 AS lat, ($6::float8[])[1 + h1 % 50] + ((h1 % 200) - 100) / 1000.0 AS lon) AS p`,
    [from, to, now, CITIES.map((c) => c[0]), CITIES.map((c) => c[1]), CITIES.map((c) => c[2]), WORDS, TAGS]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
};
