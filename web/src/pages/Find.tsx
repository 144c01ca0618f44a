import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Film, type Page, type ScreeningItem } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';
import { Field, Loading, PageHeading, ProblemBox, useLoad, useProblem } from '../ui.js';
import { ScreeningCard } from '../views.js';

type Filters = { movieId: string; q: string; city: string; from: string; to: string; tags: string; isFree: boolean; hasSeats: boolean; near: string; radiusKm: string; sort: string };
const NO_FILTERS: Filters = { movieId: '', q: '', city: '', from: '', to: '', tags: '', isFree: false, hasSeats: false, near: '', radiusKm: '10', sort: 'startsAt' };
const TEXT_FILTERS = ['movieId', 'q', 'city', 'from', 'to', 'tags', 'near', 'radiusKm', 'sort'] as const;
const FLAG_FILTERS = ['isFree', 'hasSeats'] as const;

/**
 * The search page's own address holds every filter (`/?movieId=tt0133093&city=Berlin`), so a
 * search can be shared, bookmarked, linked from the cinema's film page, and the back button
 * returns to the search before. The same names as the API's; dates as the form shows them.
 */
const filtersFromUrl = (search: string): Filters => {
  const p = new URLSearchParams(search);
  const f = { ...NO_FILTERS };
  for (const key of TEXT_FILTERS) f[key] = p.get(key) ?? f[key];
  for (const key of FLAG_FILTERS) f[key] = p.get(key) === 'true';
  return f;
};
const filtersUrl = (f: Filters): string => {
  const p = new URLSearchParams();
  for (const key of TEXT_FILTERS) if (f[key].trim() && f[key] !== NO_FILTERS[key]) p.set(key, f[key].trim());
  for (const key of FLAG_FILTERS) if (f[key]) p.set(key, 'true');
  const query = p.toString();
  return query ? `/?${query}` : '/';
};

const searchQuery = (f: Filters, cursor?: string) => {
  const p = new URLSearchParams();
  if (f.movieId.trim()) p.set('movieId', f.movieId.trim());
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.city.trim()) p.set('city', f.city.trim());
  if (f.from) p.set('from', new Date(`${f.from}T00:00:00`).toISOString());
  if (f.to) p.set('to', new Date(`${f.to}T23:59:59`).toISOString());
  if (f.tags.trim()) p.set('tags', f.tags.replace(/\s+/g, ''));
  if (f.isFree) p.set('isFree', 'true');
  if (f.hasSeats) p.set('hasSeats', 'true');
  if (f.near.trim()) { p.set('near', f.near.replace(/\s+/g, '')); p.set('radiusKm', f.radiusKm || '10'); }
  if (f.sort !== 'startsAt') p.set('sort', f.sort);
  p.set('limit', '20');
  if (cursor) p.set('cursor', cursor);
  return `/announcements?${p.toString()}`;
};

/** The film a search is narrowed to, by its title, with a way back to every film and to announce one. */
const FilmFilter = ({ movieId, onClear }: { movieId: string; onClear: () => void }) => {
  const { m } = useI18n();
  const film = useLoad(() => api<Film>('GET', `/movies/${encodeURIComponent(movieId)}`).catch(() => null), [movieId]);
  const title = film.data?.title ?? movieId;
  return (
    <p class="film-filter">{m.find.ofFilm({ title })}{' '}
      <button type="button" class="link" onClick={onClear}>{m.find.everyFilm}</button>{' · '}
      <Link href={`/announce?movieId=${encodeURIComponent(movieId)}`}>{m.find.announceFilm({ title })}</Link></p>
  );
};

export const Find = () => {
  const { m, n } = useI18n();
  const [filters, setFilters] = useState<Filters>(() => filtersFromUrl(location.search));
  const [results, setResults] = useState<{ items: ScreeningItem[]; next: string | null } | null>(null);
  const { problem, fields, run } = useProblem();
  // Only the latest search shows: an answer to one the person has already replaced is dropped.
  const latest = useRef(0);
  const shown = useRef(filters);
  const set = <K extends keyof Filters>(key: K) => (value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const search = (f: Filters, cursor?: string) => {
    const mine = ++latest.current;
    if (!cursor) shown.current = f;
    return run(async () => {
      const page = await api<Page<ScreeningItem>>('GET', searchQuery(f, cursor));
      if (mine !== latest.current) return;
      setResults((r) => ({ items: cursor && r ? [...r.items, ...page.items] : page.items, next: page.nextCursor }));
    });
  };
  /** A new search is a new entry in the history, so back returns to the one before. */
  const searchAndRemember = (f: Filters) => {
    const url = filtersUrl(f);
    if (url !== `${location.pathname}${location.search}`) history.pushState(null, '', url);
    void search(f);
  };
  useEffect(() => {
    void search(filters);
    const returned = () => {
      if (location.pathname !== '/') return;
      const f = filtersFromUrl(location.search);
      setFilters(f);
      void search(f);
    };
    addEventListener('popstate', returned);
    return () => removeEventListener('popstate', returned);
  }, []);
  const text = (key: keyof Filters, label: string, path: string, type = 'text', hint?: string) => (
    <Field label={label} path={path} errors={fields} hint={hint}>
      {(id, d, bad) => <input id={id} type={type} aria-describedby={d} aria-invalid={bad ? 'true' : undefined} value={filters[key] as string}
        onInput={(e) => set(key)(e.currentTarget.value)} />}
    </Field>
  );
  return (
    <section aria-labelledby="find-title">
      <PageHeading id="find-title">{m.find.title}</PageHeading>
      {filters.movieId ? <FilmFilter movieId={filters.movieId} onClear={() => { const f = { ...filters, movieId: '' }; setFilters(f); searchAndRemember(f); }} /> : null}
      <form class="filters" onSubmit={(e) => { e.preventDefault(); searchAndRemember(filters); }}>
        {text('q', m.find.words, 'q')}
        {text('city', m.find.city, 'city')}
        {text('from', m.find.from, 'from', 'date')}
        {text('to', m.find.to, 'to', 'date')}
        {text('tags', m.find.tags, 'tags', 'text', m.find.tagsHint)}
        {text('near', m.find.near, 'near', 'text', m.find.nearHint)}
        {text('radiusKm', m.find.radius, 'radiusKm', 'number')}
        <div class="field"><label for="sort">{m.find.sort}</label>
          <select id="sort" value={filters.sort} onChange={(e) => set('sort')(e.currentTarget.value)}>
            <option value="startsAt">{m.find.byStart}</option><option value="rating">{m.find.byRating}</option>
          </select></div>
        <div class="checks">
          <label><input type="checkbox" checked={filters.isFree} onChange={(e) => set('isFree')(e.currentTarget.checked)} /> {m.find.free}</label>
          <label><input type="checkbox" checked={filters.hasSeats} onChange={(e) => set('hasSeats')(e.currentTarget.checked)} /> {m.find.hasSeats}</label>
          <button type="button" class="secondary" onClick={() => navigator.geolocation?.getCurrentPosition(
            (p) => set('near')(`${p.coords.latitude.toFixed(4)},${p.coords.longitude.toFixed(4)}`))}>{m.find.nearMe}</button>
        </div>
        <button type="submit">{m.find.search}</button>
      </form>
      <ProblemBox problem={problem} />
      {results ? (
        <div aria-live="polite">
          <p>{results.items.length === 0 ? m.find.none : `${n(m.find.found, results.items.length)}${results.next ? '+' : ''}`}</p>
          <ul class="cards">{results.items.map((s) => <ScreeningCard key={s.id} s={s} />)}</ul>
          {results.next ? <button type="button" onClick={() => void search(shown.current, results.next!)}>{m.app.more}</button> : null}
        </div>
      ) : <Loading />}
    </section>
  );
};
