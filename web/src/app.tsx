import { render, type ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  api, ApiError, isActive, session, setBookingStatus,
  type Booking, type DemoSignIn, type Film, type HostBooking, type InviteLink, type Notification, type Page, type PendingRating, type ScheduleItem, type Screening, type ScreeningItem,
} from './api.js';

/* ---------- navigation: the History API; every page has its own URL, so links from anywhere land ---------- */

const navigate = (to: string) => {
  history.pushState(null, '', to);
  dispatchEvent(new PopStateEvent('popstate'));
};
const usePath = () => {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => { setPath(location.pathname); window.scrollTo(0, 0); };
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return path;
};
const Link = ({ href, children, class: className }: { href: string; children: ComponentChildren; class?: string }) => (
  <a href={href} class={className} onClick={(e) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(href);
  }}>{children}</a>
);

/* ---------- shared pieces ---------- */

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const seatText = (n: number) => `${n} seat${n === 1 ? '' : 's'}`;
/** ", number 2 on the waitlist" after a waitlisted booking's status (W1); nothing for any other. */
const placeInLine = (b: { status: string; waitlistPosition: number | null }) =>
  (b.status === 'waitlisted' && b.waitlistPosition ? `, number ${b.waitlistPosition} on the waitlist` : '');
/** "2 seats — accepted", as every page shows a booking. */
const SeatsAndStatus = ({ b }: { b: { seats: number; status: string; waitlistPosition: number | null } }) =>
  <p>{seatText(b.seats)} — <strong class={`status ${b.status}`}>{b.status}</strong>{placeInLine(b)}</p>;
type ShownPlace = Screening['place'];
/** S1: the address for those who come; for everyone else the city, and why there is no more. */
const placeText = (p: ShownPlace) => (p.addressHidden ? p.city : `${p.address}, ${p.city}`);
const PlaceFacts = ({ place }: { place: ShownPlace }) => (place.addressHidden ? (
  <>
    <dt>Place</dt><dd>{place.city} — <span class="muted">the address is shown when the host accepts you</span></dd>
    {place.area ? <><dt>Area</dt><dd>within {place.area.radiusKm} km of {place.area.lat.toFixed(3)}, {place.area.lon.toFixed(3)}</dd></> : null}
  </>
) : <><dt>Place</dt><dd>{place.address}, {place.city}</dd></>);
/** S5, beside a request: how the guest kept their word before. */
const reliabilityText = (r: HostBooking['guest']['reliability']) =>
  `came ${r.attended} · no-shows ${r.noShows} · late cancellations ${r.lateCancellations}`;

/** Anything thrown by a call, as the problem a page shows. */
const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError ? error : new ApiError({ status: 0, code: 'NETWORK', title: 'The service cannot be reached. Try again in a moment.' });
const stars = (r: { average: number | null; count: number }) => (r.count === 0 ? 'not rated yet' : `★ ${r.average?.toFixed(1)} (${r.count})`);

/** A problem from the API as a sentence, and its field messages for the fields that show them. */
const useProblem = () => {
  const [problem, setProblem] = useState<ApiError | null>(null);
  const run = async (work: () => Promise<void>) => {
    setProblem(null);
    try { await work(); } catch (error) {
      setProblem(asApiError(error));
    }
  };
  return { problem, fields: problem?.fields ?? {}, run, clear: () => setProblem(null) };
};
const ProblemBox = ({ problem }: { problem: ApiError | null }) => problem
  ? <p class="problem" role="alert">{problem.message}{problem.problem.errors?.length ? ' See the marked fields.' : ''}</p> : null;

let fieldCounter = 0;
/** A labelled input with its error message tied to it (aria-describedby), keyed by the API's field path. */
const Field = ({ label, path, errors, children, hint }: { label: string; path: string; errors: Record<string, string>; children: (id: string, described?: string, invalid?: boolean) => ComponentChildren; hint?: string }) => {
  const [id] = useState(() => `f${++fieldCounter}`);
  // The API names the exact field (`tags.0`); the form shows it at the field it belongs to (`tags`).
  const error = errors[path] ?? Object.entries(errors).find(([key]) => key.startsWith(`${path}.`))?.[1];
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children(id, error ? `${id}-error` : hint ? `${id}-hint` : undefined, Boolean(error))}
      {hint && !error ? <small id={`${id}-hint`}>{hint}</small> : null}
      {error ? <small class="field-error" id={`${id}-error`}>{error}</small> : null}
    </div>
  );
};

const useLoad = <T,>(load: () => Promise<T>, deps: unknown[]) => {
  const [state, setState] = useState<{ data?: T; error?: ApiError }>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState({});
    load().then((data) => live && setState({ data }), (error: unknown) => live && setState({ error: asApiError(error) }));
    return () => { live = false; };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
};

const Loading = () => <p aria-busy="true">Loading…</p>;

/* ---------- sign in ---------- */

const SignIn = ({ onSignedIn }: { onSignedIn: () => void }) => {
  const demo = useLoad(() => api<DemoSignIn>('GET', '/dev/sign-in').catch(() => null), []);
  const [token, setToken] = useState('');
  const done = (t: string, name?: string) => { session.signIn(t, name); onSignedIn(); };
  return (
    <section aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in</h1>
      {demo.data ? (
        <>
          <p>This is the embedded demo: sign in as one of its people.</p>
          <ul class="people">
            {demo.data.users.map((u) => <li key={u.id}><button type="button" onClick={() => done(u.token, u.name)}>Sign in as {u.name}</button></li>)}
          </ul>
        </>
      ) : demo.data === null ? <p>The site that embeds this page signs you in. You can also paste a bearer token.</p> : <Loading />}
      <form onSubmit={(e) => { e.preventDefault(); if (token.trim()) done(token.trim()); }}>
        <div class="field"><label for="token">Bearer token</label>
          <input id="token" type="password" autocomplete="off" value={token} onInput={(e) => setToken(e.currentTarget.value)} /></div>
        <button type="submit">Use this token</button>
      </form>
    </section>
  );
};

/* ---------- find ---------- */

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

const ScreeningCard = ({ s }: { s: ScreeningItem }) => (
  <li class="card">
    <h3><Link href={`/screenings/${s.id}`}>{s.title}</Link></h3>
    <p>{s.movie.title} · {when(s.startsAt)} · {s.place.city}</p>
    <p class="muted">Host {s.host.name ?? 'unknown'} ({stars(s.host.rating)}) · {s.seatsLeft} of {s.capacity} seats left{s.isFree ? ' · free' : ''}
      {s.privacy === 'friends' ? ' · friends only' : ''}</p>
    {s.tags.length ? <p class="tags">{s.tags.map((t) => <span key={t}>{t}</span>)}</p> : null}
  </li>
);

/** The film a search is narrowed to, by its title, with a way back to every film and to announce one. */
const FilmFilter = ({ movieId, onClear }: { movieId: string; onClear: () => void }) => {
  const film = useLoad(() => api<Film>('GET', `/movies/${encodeURIComponent(movieId)}`).catch(() => null), [movieId]);
  const title = film.data?.title ?? movieId;
  return (
    <p class="film-filter">Screenings of <strong>{title}</strong>{' '}
      <button type="button" class="link" onClick={onClear}>Show every film</button>{' · '}
      <Link href={`/announce?movieId=${encodeURIComponent(movieId)}`}>Announce a screening of {title}</Link></p>
  );
};

const Find = () => {
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
      <h1 id="find-title">Find a screening</h1>
      {filters.movieId ? <FilmFilter movieId={filters.movieId} onClear={() => { const f = { ...filters, movieId: '' }; setFilters(f); searchAndRemember(f); }} /> : null}
      <form class="filters" onSubmit={(e) => { e.preventDefault(); searchAndRemember(filters); }}>
        {text('q', 'Words', 'q')}
        {text('city', 'City', 'city')}
        {text('from', 'From', 'from', 'date')}
        {text('to', 'To', 'to', 'date')}
        {text('tags', 'Tags', 'tags', 'text', 'comma list, e.g. snacks,vegan')}
        {text('near', 'Near (lat,lon)', 'near', 'text', 'e.g. 52.52,13.40')}
        {text('radiusKm', 'Radius (km)', 'radiusKm', 'number')}
        <div class="field"><label for="sort">Sort by</label>
          <select id="sort" value={filters.sort} onChange={(e) => set('sort')(e.currentTarget.value)}>
            <option value="startsAt">Start time</option><option value="rating">Host rating</option>
          </select></div>
        <div class="checks">
          <label><input type="checkbox" checked={filters.isFree} onChange={(e) => set('isFree')(e.currentTarget.checked)} /> Free only</label>
          <label><input type="checkbox" checked={filters.hasSeats} onChange={(e) => set('hasSeats')(e.currentTarget.checked)} /> Seats left</label>
          <button type="button" class="secondary" onClick={() => navigator.geolocation?.getCurrentPosition(
            (p) => set('near')(`${p.coords.latitude.toFixed(4)},${p.coords.longitude.toFixed(4)}`))}>Near me</button>
        </div>
        <button type="submit">Search</button>
      </form>
      <ProblemBox problem={problem} />
      {results ? (
        <div aria-live="polite">
          <p>{results.items.length === 0 ? 'No screening matches.' : `${results.items.length}${results.next ? '+' : ''} screening${results.items.length === 1 && !results.next ? '' : 's'}`}</p>
          <ul class="cards">{results.items.map((s) => <ScreeningCard key={s.id} s={s} />)}</ul>
          {results.next ? <button type="button" onClick={() => void search(shown.current, results.next!)}>More</button> : null}
        </div>
      ) : <Loading />}
    </section>
  );
};

/* ---------- a screening ---------- */

const BookingForm = ({ screening, onBooked }: { screening: Screening; onBooked: () => void }) => {
  const [seats, setSeats] = useState('1');
  const [message, setMessage] = useState('');
  const { problem, fields, run } = useProblem();
  // B8: on a screening that accepts at once, a party larger than the seats left joins the waitlist.
  const waits = screening.approval === 'auto' && Number(seats) > screening.seatsLeft;
  return (
    <form aria-labelledby="book-title" onSubmit={(e) => {
      e.preventDefault();
      void run(async () => {
        await api('POST', `/announcements/${screening.id}/bookings`, { seats: Number(seats), ...(message.trim() ? { message: message.trim() } : {}) });
        onBooked();
      });
    }}>
      <h2 id="book-title">Ask for seats</h2>
      <Field label="Seats" path="seats" errors={fields}>
        {(id, d) => <input id={id} type="number" min={1} value={seats} aria-describedby={d} onInput={(e) => setSeats(e.currentTarget.value)} />}
      </Field>
      <Field label="Message to the host" path="message" errors={fields}>
        {(id, d) => <textarea id={id} value={message} aria-describedby={d} onInput={(e) => setMessage(e.currentTarget.value)} />}
      </Field>
      {waits ? <p class="muted" id="waitlist-note">{screening.seatsLeft === 0 ? 'Every seat is taken' : `Only ${seatText(screening.seatsLeft)} left`}: you join the waitlist,
        and get your seats as soon as they free up, in the order people asked. You are told at once.</p> : null}
      <ProblemBox problem={problem} />
      <button type="submit" aria-describedby={waits ? 'waitlist-note' : undefined}>{waits ? 'Join the waitlist' : `Ask for ${seats === '1' ? 'a seat' : seatText(Number(seats))}`}</button>
    </form>
  );
};

const Requests = ({ screening, onChanged }: { screening: Screening; onChanged: () => void }) => {
  const list = useLoad(() => api<HostBooking[]>('GET', `/announcements/${screening.id}/bookings`), [screening.id, screening.version]);
  const { problem, run } = useProblem();
  const decide = (b: HostBooking, status: 'accepted' | 'rejected') => run(async () => {
    await setBookingStatus(b.id, status);
    list.reload();
    onChanged();
  });
  // S5: after the screening, the host says who came.
  const mark = (b: HostBooking, attended: boolean) => run(async () => {
    await api('PUT', `/announcements/${screening.id}/attendance/${b.guestId}`, { attended });
    list.reload();
  });
  return (
    <section aria-labelledby="requests-title">
      <h2 id="requests-title">Requests</h2>
      <ProblemBox problem={problem ?? list.error ?? null} />
      {!list.data ? <Loading /> : list.data.length === 0 ? <p>No requests yet.</p> : (
        <ul class="cards">{list.data.map((b) => (
          <li class="card" key={b.id}>
            <p><strong>{b.guest.name ?? 'A guest'}</strong> ({stars(b.guest.rating)}) asks for {seatText(b.seats)} — <em>{b.status}</em>{placeInLine(b)}</p>
            <p class="muted">{reliabilityText(b.guest.reliability)}</p>
            {b.message ? <p class="muted">“{b.message}”</p> : null}
            {b.status === 'pending' ? (
              <p class="actions">
                <button type="button" onClick={() => void decide(b, 'accepted')}>Accept {b.guest.name ?? ''}</button>
                <button type="button" class="secondary" onClick={() => void decide(b, 'rejected')}>Reject {b.guest.name ?? ''}</button>
              </p>
            ) : null}
            {b.status === 'accepted' && screening.status === 'done' ? (
              <p class="actions">
                {b.attended === null ? null : <span class="muted">Marked: {b.attended ? 'came' : 'did not come'} · </span>}
                <button type="button" onClick={() => void mark(b, true)}>{b.guest.name ?? 'The guest'} came</button>
                <button type="button" class="secondary" onClick={() => void mark(b, false)}>{b.guest.name ?? 'The guest'} did not come</button>
              </p>
            ) : null}
          </li>))}
        </ul>
      )}
    </section>
  );
};

const ScreeningPage = ({ id }: { id: string }) => {
  const { data: s, error, reload } = useLoad(() => api<Screening>('GET', `/announcements/${id}`), [id]);
  const { problem, run } = useProblem();
  if (error) return <section><h1>Screening</h1><ProblemBox problem={error} /></section>;
  if (!s) return <Loading />;
  const mine = s.hostId === session.userId();
  const active = s.myBooking && isActive(s.myBooking.status);
  return (
    <article aria-labelledby="screening-title">
      <h1 id="screening-title">{s.title}</h1>
      <p class="lead">{s.movie.title} · {when(s.startsAt)} · {s.durationMinutes} min</p>
      <dl class="facts">
        <dt>Host</dt><dd>{s.host.name ?? 'unknown'} ({stars(s.host.rating)})</dd>
        <PlaceFacts place={s.place} />
        <dt>Seats</dt><dd>{s.seatsLeft} of {s.capacity} left</dd>
        <dt>Who may come</dt><dd>{s.privacy === 'friends' ? 'the host’s friends' : 'anyone'} · {s.approval === 'auto' ? 'accepted at once' : 'the host decides'} · {s.isFree ? 'free' : 'paid'}</dd>
        <dt>Status</dt><dd>{s.status}</dd>
        {s.tags.length ? <><dt>Tags</dt><dd class="tags">{s.tags.map((t) => <span key={t}>{t}</span>)}</dd></> : null}
      </dl>
      {s.description ? <p>{s.description}</p> : null}
      <h2>Guests</h2>
      {s.guests ? (s.guests.length ? <ul>{s.guests.map((g) => <li key={g.id}>{g.name ?? 'a guest'} · {seatText(g.seats)} · {stars(g.rating)}</li>)}</ul> : <p>No guests yet.</p>)
        : <p>{s.guestCount === 0 ? 'No guests yet.' : `${s.guestCount} ${s.guestCount === 1 ? 'guest is' : 'guests are'} going`} — <span class="muted">who comes is shown to the guests the host accepts</span></p>}
      {s.myBooking ? (
        <section aria-labelledby="mine-title">
          <h2 id="mine-title">My booking</h2>
          <SeatsAndStatus b={s.myBooking} />
          {active ? <button type="button" class="secondary" onClick={() => void run(async () => { await setBookingStatus(s.myBooking!.id, 'cancelled'); reload(); })}>
            {s.myBooking.status === 'waitlisted' ? 'Leave the waitlist' : 'Cancel my booking'}</button> : null}
        </section>
      ) : null}
      <ProblemBox problem={problem} />
      {mine ? (
        <>
          <p class="actions"><Link href={`/screenings/${s.id}/edit`} class="button">Edit</Link>
            {s.status === 'open' || s.status === 'closed'
              ? <button type="button" class="secondary" onClick={() => void run(async () => { await api('POST', `/announcements/${s.id}/cancel`, undefined, { 'If-Match': `"${s.version}"` }); reload(); })}>Cancel the screening</button>
              : null}</p>
          <Requests screening={s} onChanged={reload} />
          {(s.status === 'open' || s.status === 'closed') && Date.parse(s.startsAt) > Date.now() ? <InviteLinks screening={s} /> : null}
        </>
      ) : !active && s.status === 'open' ? <BookingForm screening={s} onBooked={reload} /> : null}
      <p class="muted">Share: <a href={s.shortUrl}>{s.shortUrl}</a></p>
      {mine ? null : <PersonSafety userId={s.hostId} name={s.host.name ?? 'the host'} screeningId={s.id} />}
    </article>
  );
};

/** RULES §10 I1: the host's invite links: make one to send, copy it, revoke it. */
const InviteLinks = ({ screening }: { screening: Screening }) => {
  const list = useLoad(() => api<{ items: InviteLink[] }>('GET', `/announcements/${screening.id}/invites`), [screening.id]);
  const { problem, run } = useProblem();
  const [copied, setCopied] = useState<{ token: string; said: string } | null>(null);
  const make = () => run(async () => { await api('POST', `/announcements/${screening.id}/invites`); list.reload(); });
  const revoke = (link: InviteLink) => run(async () => { await api('DELETE', `/invites/${link.token}`); list.reload(); });
  /** To the clipboard where the browser allows it (a secure page); else the address is selected for the person to copy. */
  const copy = async (link: InviteLink, field: string) => {
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied({ token: link.token, said: 'Copied' });
    } catch {
      (document.getElementById(field) as HTMLInputElement | null)?.select();
      setCopied({ token: link.token, said: 'Selected: copy it with Ctrl+C or ⌘C' });
    }
  };
  return (
    <section aria-labelledby="invites-title">
      <h2 id="invites-title">Invite links</h2>
      <p class="muted">Whoever opens a link sees this screening, even when it is for your friends only, and may ask for seats,
        until you revoke the link or the screening starts.</p>
      <ProblemBox problem={problem ?? list.error ?? null} />
      {!list.data ? <Loading /> : list.data.items.length === 0 ? <p>No invite links yet.</p> : (
        <ul class="cards">{list.data.items.map((link, i) => (
          <li class="card" key={link.token}>
            <label for={`invite-${i}`}>Invite link {i + 1}{link.live ? '' : link.revokedAt ? ' (revoked)' : ' (no longer valid)'}</label>
            <input id={`invite-${i}`} readOnly value={link.url} onFocus={(e) => e.currentTarget.select()} />
            {link.live ? (
              <p class="actions">
                <button type="button" class="secondary" onClick={() => void copy(link, `invite-${i}`)}>Copy invite link {i + 1}</button>
                <button type="button" class="secondary" onClick={() => void revoke(link)}>Revoke invite link {i + 1}</button>
                {copied?.token === link.token ? <span role="status">{copied.said}</span> : null}
              </p>
            ) : null}
          </li>))}
        </ul>
      )}
      <button type="button" onClick={() => void make()}>Make an invite link</button>
    </section>
  );
};

/** `/invites/{token}`: opens the link (the holder is invited from now on) and lands on the screening. */
const InvitePage = ({ token }: { token: string }) => {
  const [problem, setProblem] = useState<ApiError | null>(null);
  useEffect(() => {
    api<Screening>('GET', `/invites/${token}`).then((s) => {
      // The invitation page leaves no entry of its own: back goes where the person came from.
      history.replaceState(null, '', `/screenings/${s.id}`);
      dispatchEvent(new PopStateEvent('popstate'));
    }, (error: unknown) => setProblem(asApiError(error)));
  }, [token]);
  return (
    <section aria-labelledby="invite-title">
      <h1 id="invite-title">Invitation</h1>
      {problem ? <ProblemBox problem={problem} /> : <Loading />}
    </section>
  );
};

const REASONS = ['spam', 'harassment', 'unsafe', 'misleading', 'other'] as const;

/** S3 and S4, from a person's name: block them (after a confirmation), or tell the platform. */
const PersonSafety = ({ userId, name, screeningId }: { userId: string; name: string; screeningId: string }) => {
  const [reporting, setReporting] = useState(false);
  const [reason, setReason] = useState<(typeof REASONS)[number]>('spam');
  const [details, setDetails] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { problem, fields, run } = useProblem();
  const block = () => run(async () => {
    if (!confirm(`Block ${name}? You will not see each other’s screenings, and their requests at yours end. They are not told.`)) return;
    await api('POST', '/me/blocks', { userId });
    navigate('/');
  });
  const report = () => run(async () => {
    await api('POST', '/reports', { subject: { announcementId: screeningId }, reason, ...(details.trim() ? { details: details.trim() } : {}) });
    setReporting(false);
    setDone('Thank you: the platform will look into it.');
  });
  return (
    <section aria-labelledby="safety-title">
      <h2 id="safety-title">Safety</h2>
      <p class="actions">
        <button type="button" class="secondary" onClick={() => void block()}>Block {name}</button>
        <button type="button" class="secondary" aria-expanded={reporting} onClick={() => setReporting(!reporting)}>Report this screening</button>
      </p>
      {done ? <p role="status">{done}</p> : null}
      {reporting ? (
        <form aria-label="Report this screening" onSubmit={(e) => { e.preventDefault(); void report(); }}>
          <Field label="Reason" path="reason" errors={fields}>
            {(id, d) => <select id={id} value={reason} aria-describedby={d} onChange={(e) => setReason(e.currentTarget.value as (typeof REASONS)[number])}>
              {REASONS.map((r) => <option key={r} value={r}>{r}</option>)}</select>}
          </Field>
          <Field label="What happened" path="details" errors={fields}>
            {(id, d) => <textarea id={id} value={details} aria-describedby={d} onInput={(e) => setDetails(e.currentTarget.value)} />}
          </Field>
          <button type="submit">Send the report</button>
        </form>
      ) : null}
      <ProblemBox problem={problem} />
    </section>
  );
};

/* ---------- announce and edit ---------- */

const localInput = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/**
 * The film of a new screening, picked by its title from the films neighbour (`GET /movies?q=`);
 * a page opened with `?movieId=` (the cinema's film page) arrives with it chosen.
 */
const FilmPicker = ({ movieId, errors, onPick }: { movieId: string; errors: Record<string, string>; onPick: (film: Film) => void }) => {
  const chosen = useLoad(() => (movieId ? api<Film>('GET', `/movies/${encodeURIComponent(movieId)}`).catch(() => null) : Promise.resolve(null)), [movieId]);
  const [words, setWords] = useState('');
  const [found, setFound] = useState<Film[] | null>(null);
  useEffect(() => {
    if (words.trim().length < 2) { setFound(null); return undefined; }
    let live = true;
    // Asks once typing pauses, not at every key.
    const wait = setTimeout(() => {
      api<{ items: Film[] }>('GET', `/movies?q=${encodeURIComponent(words.trim())}&limit=8`)
        .then((r) => live && setFound(r.items), () => live && setFound([]));
    }, 200);
    return () => { live = false; clearTimeout(wait); };
  }, [words]);
  return (
    <div class="film-picker">
      <Field label="Film" path="movieId" errors={errors} hint="type a few letters of its title">
        {(id, d, bad) => <input id={id} type="search" autocomplete="off" aria-describedby={d} aria-invalid={bad ? 'true' : undefined}
          value={words} onInput={(e) => setWords(e.currentTarget.value)} />}
      </Field>
      {found ? (found.length === 0 ? <p class="muted" role="status">No film has these words in its title.</p> : (
        <ul class="choices" aria-label="Films found">{found.map((f) => (
          <li key={f.id}><button type="button" class="secondary" onClick={() => { onPick(f); setWords(''); }}>{f.title} ({f.durationMinutes} min)</button></li>))}
        </ul>
      )) : null}
      <p role="status">{!movieId ? 'No film chosen yet.'
        : chosen.data ? <>Film: <strong>{chosen.data.title}</strong> ({chosen.data.durationMinutes} min)</>
          : chosen.data === null ? `The catalogue does not know the film “${movieId}”: pick another.` : 'Looking the film up…'}</p>
    </div>
  );
};

const ScreeningForm = ({ existing, movieId }: { existing?: Screening; movieId?: string }) => {
  const tomorrow = new Date(Date.now() + 86_400_000);
  tomorrow.setHours(20, 0, 0, 0);
  const [v, setV] = useState({
    movieId: existing?.movieId ?? movieId ?? '', title: existing?.title ?? '', description: existing?.description ?? '',
    startsAt: localInput(existing?.startsAt ?? tomorrow.toISOString()), city: existing?.place.city ?? '', address: existing && !existing.place.addressHidden ? existing.place.address : '',
    capacity: String(existing?.capacity ?? 4), privacy: existing?.privacy ?? 'public', isFree: existing?.isFree ?? true,
    tags: existing?.tags.join(', ') ?? '', approval: existing?.approval ?? 'manual',
  });
  const { problem, fields, run } = useProblem();
  const set = (key: keyof typeof v) => (e: { currentTarget: { value: string } }) => setV((x) => ({ ...x, [key]: e.currentTarget.value }));
  const input = (key: keyof typeof v, label: string, path: string, type = 'text', extra: Record<string, unknown> = {}) => (
    <Field label={label} path={path} errors={fields}>
      {(id, d, bad) => <input id={id} type={type} aria-describedby={d} aria-invalid={bad ? 'true' : undefined} value={v[key] as string} onInput={set(key)} {...extra} />}
    </Field>
  );
  const submit = () => run(async () => {
    const body = {
      title: v.title, description: v.description, startsAt: new Date(v.startsAt).toISOString(), place: { city: v.city, address: v.address },
      capacity: Number(v.capacity), privacy: v.privacy, isFree: v.isFree, approval: v.approval,
      tags: v.tags.split(',').map((t) => t.trim()).filter(Boolean),
    };
    const saved = existing
      ? await api<Screening>('PATCH', `/announcements/${existing.id}`, body, { 'If-Match': `"${existing.version}"` })
      : await api<Screening>('POST', '/announcements', { movieId: v.movieId, ...body });
    navigate(`/screenings/${saved.id}`);
  });
  return (
    <form aria-labelledby="form-title" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h1 id="form-title">{existing ? 'Edit the screening' : 'Announce a screening'}</h1>
      {existing ? null : <FilmPicker movieId={v.movieId} errors={fields} onPick={(f) => setV((x) => ({ ...x, movieId: f.id, title: x.title || f.title }))} />}
      {input('title', 'Title', 'title', 'text', { required: true })}
      <Field label="Description and house rules" path="description" errors={fields}>
        {(id, d) => <textarea id={id} aria-describedby={d} value={v.description} onInput={set('description')} />}
      </Field>
      {input('startsAt', 'Starts', 'startsAt', 'datetime-local', { required: true })}
      {input('city', 'City', 'place.city', 'text', { required: true })}
      {input('address', 'Address', 'place.address', 'text', { required: true })}
      {input('capacity', 'Seats', 'capacity', 'number', { min: 1 })}
      {input('tags', 'Tags', 'tags', 'text', { placeholder: 'snacks, vegan' })}
      <Field label="Who may come" path="privacy" errors={fields}>
        {(id) => <select id={id} value={v.privacy} onChange={set('privacy')}><option value="public">Anyone</option><option value="friends">My friends</option></select>}
      </Field>
      <Field label="Requests" path="approval" errors={fields}>
        {(id) => <select id={id} value={v.approval} onChange={set('approval')}><option value="manual">I decide each</option><option value="auto">Accept at once</option></select>}
      </Field>
      <label class="check"><input type="checkbox" checked={v.isFree} onChange={(e) => setV((x) => ({ ...x, isFree: e.currentTarget.checked }))} /> Free</label>
      <ProblemBox problem={problem} />
      <button type="submit">{existing ? 'Save' : 'Announce'}</button>
    </form>
  );
};

const EditPage = ({ id }: { id: string }) => {
  const { data, error } = useLoad(() => api<Screening>('GET', `/announcements/${id}`), [id]);
  return error ? <ProblemBox problem={error} /> : data ? <ScreeningForm existing={data} /> : <Loading />;
};

/* ---------- mine ---------- */

const MyScreenings = () => {
  const me = session.userId();
  const list = useLoad(() => api<Page<ScreeningItem>>('GET', `/announcements?hostId=${me ?? ''}&limit=50`), [me]);
  return (
    <section aria-labelledby="host-title">
      <h1 id="host-title">My screenings</h1>
      <p><Link href="/announce" class="button">Announce a screening</Link></p>
      <ProblemBox problem={list.error ?? null} />
      {list.data ? (list.data.items.length ? <ul class="cards">{list.data.items.map((s) => <ScreeningCard key={s.id} s={s} />)}</ul> : <p>None open.</p>) : <Loading />}
    </section>
  );
};

const MyBookings = () => {
  const list = useLoad(() => api<Page<Booking>>('GET', '/bookings?limit=50'), []);
  return (
    <section aria-labelledby="bookings-title">
      <h1 id="bookings-title">My bookings</h1>
      <ProblemBox problem={list.error ?? null} />
      {!list.data ? <Loading /> : list.data.items.length === 0 ? <p>No bookings yet.</p> : (
        <ul class="cards">{list.data.items.map((b) => (
          <li class="card" key={b.id}>
            <h3><Link href={`/screenings/${b.announcementId}`}>{b.announcement.title}</Link></h3>
            <p>{b.announcement.movie.title} · {when(b.announcement.startsAt)} · {b.announcement.place.city}</p>
            <SeatsAndStatus b={b} />
          </li>))}
        </ul>
      )}
    </section>
  );
};

const BookingPage = ({ id }: { id: string }) => {
  const { data: b, error, reload } = useLoad(() => api<Booking>('GET', `/bookings/${id}`), [id]);
  const { problem, run } = useProblem();
  if (error) return <ProblemBox problem={error} />;
  if (!b) return <Loading />;
  const me = session.userId();
  const change = (status: 'accepted' | 'rejected' | 'cancelled') => run(async () => { await setBookingStatus(b.id, status); reload(); });
  const open = isActive(b.status);
  return (
    <article aria-labelledby="booking-title">
      <h1 id="booking-title">Booking for {b.announcement.title}</h1>
      <SeatsAndStatus b={b} />
      {b.message ? <p class="muted">“{b.message}”</p> : null}
      <p>{b.announcement.movie.title} · {when(b.announcement.startsAt)} · {placeText(b.announcement.place)}</p>
      {b.announcement.place.addressHidden ? <p class="muted">The address is shown when the host accepts you.</p> : null}
      <ProblemBox problem={problem} />
      <p class="actions">
        {b.hostId === me && b.status === 'pending' ? <>
          <button type="button" onClick={() => void change('accepted')}>Accept</button>
          <button type="button" class="secondary" onClick={() => void change('rejected')}>Reject</button>
        </> : null}
        {b.guestId === me && open ? <button type="button" class="secondary" onClick={() => void change('cancelled')}>Cancel my booking</button> : null}
      </p>
      <p><Link href={`/screenings/${b.announcementId}`}>Open the screening</Link></p>
    </article>
  );
};

const Notifications = () => {
  const list = useLoad(() => api<Page<Notification>>('GET', '/me/notifications?limit=50'), []);
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">Notifications</h1>
      <ProblemBox problem={list.error ?? null} />
      {!list.data ? <Loading /> : list.data.items.length === 0 ? <p>Nothing yet.</p> : (
        <ul class="cards">{list.data.items.map((n) => (
          <li class="card" key={n.id}>
            <h3><a href={n.link}>{n.title}</a></h3>
            <p>{n.body}</p>
            <p class="muted">{when(n.createdAt)}</p>
          </li>))}
        </ul>
      )}
    </section>
  );
};

const Schedule = () => {
  const list = useLoad(() => api<Page<ScheduleItem>>('GET', '/me/schedule?limit=50'), []);
  const [feed, setFeed] = useState<string | null>(null);
  const { problem, run } = useProblem();
  return (
    <section aria-labelledby="schedule-title">
      <h1 id="schedule-title">My schedule</h1>
      <ProblemBox problem={problem ?? list.error ?? null} />
      {!list.data ? <Loading /> : list.data.items.length === 0 ? <p>Nothing coming up.</p> : (
        <ul class="cards">{list.data.items.map((i) => (
          <li class="card" key={i.announcement.id}>
            <h3><Link href={`/screenings/${i.announcement.id}`}>{i.announcement.title}</Link></h3>
            <p>{when(i.announcement.startsAt)} · {placeText(i.announcement.place)}</p>
            <p class="muted">{i.role === 'host' ? 'You host' : `You go: ${seatText(i.booking?.seats ?? 1)}, ${i.booking?.status ?? ''}`} · {i.announcement.status}</p>
          </li>))}
        </ul>
      )}
      <h2>In your calendar app</h2>
      <p>A private address your calendar app can subscribe to. Anyone who has it can read your schedule; making a new one retires the old.</p>
      {feed ? <p><label for="feed">Calendar address</label> <input id="feed" readOnly value={feed} size={50} /></p> : null}
      <button type="button" class="secondary" onClick={() => void run(async () => setFeed((await api<{ url: string }>('POST', '/me/calendar-feed')).url))}>
        {feed ? 'Make a new address' : 'Get a calendar address'}</button>
    </section>
  );
};


const RateForm = ({ item, onDone }: { item: PendingRating; onDone: () => void }) => {
  const [score, setScore] = useState('5');
  const [comment, setComment] = useState('');
  const { problem, fields, run } = useProblem();
  const who = item.ratee.name ?? (item.as === 'host' ? 'the host' : 'your guest');
  return (
    <form class="card" aria-label={`Rate ${who}`} onSubmit={(e) => {
      e.preventDefault();
      void run(async () => {
        await api('POST', `/announcements/${item.announcement.id}/ratings`, { rateeId: item.ratee.id, score: Number(score), ...(comment.trim() ? { comment: comment.trim() } : {}) });
        onDone();
      });
    }}>
      <h3>{who} · {item.as === 'host' ? 'host' : 'guest'} of <Link href={`/screenings/${item.announcement.id}`}>{item.announcement.title}</Link></h3>
      <p class="muted">Rate by {when(item.rateBy)}</p>
      <Field label="Score" path="score" errors={fields}>
        {(id, d) => <select id={id} aria-describedby={d} value={score} onChange={(e) => setScore(e.currentTarget.value)}>
          {['5', '4', '3', '2', '1'].map((n) => <option key={n} value={n}>{n} {'★'.repeat(Number(n))}</option>)}</select>}
      </Field>
      <Field label="Comment" path="comment" errors={fields}>
        {(id, d) => <textarea id={id} aria-describedby={d} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />}
      </Field>
      <ProblemBox problem={problem} />
      <button type="submit">Rate {who}</button>
    </form>
  );
};

const Ratings = () => {
  const pending = useLoad(() => api<{ items: PendingRating[] }>('GET', '/me/ratings/pending'), []);
  const me = session.userId();
  const mine = useLoad(() => api<{ asHost: { average: number | null; count: number }; asGuest: { average: number | null; count: number } }>('GET', `/users/${me ?? ''}/rating`), [me]);
  return (
    <section aria-labelledby="ratings-title">
      <h1 id="ratings-title">Ratings</h1>
      {mine.data ? <p>You as a host: {stars(mine.data.asHost)} · as a guest: {stars(mine.data.asGuest)}</p> : null}
      <h2>To rate</h2>
      <ProblemBox problem={pending.error ?? null} />
      {!pending.data ? <Loading /> : pending.data.items.length === 0 ? <p>Nobody to rate now: after a screening, host and guests rate each other for 14 days.</p> : (
        <div class="cards">{pending.data.items.map((i) => <RateForm key={`${i.announcement.id}-${i.ratee.id}`} item={i} onDone={pending.reload} />)}</div>
      )}
    </section>
  );
};

/* ---------- the frame ---------- */

const App = () => {
  const path = usePath();
  const [signedIn, setSignedIn] = useState(Boolean(session.token()));
  const id = /^\/(?:screenings|bookings)\/([0-9a-f-]{36})/.exec(path)?.[1] ?? '';
  const invite = /^\/invites\/([\w-]{1,64})$/.exec(path)?.[1];
  const page = !signedIn ? <SignIn onSignedIn={() => setSignedIn(true)} />
    : path.startsWith('/screenings/') && path.endsWith('/edit') ? <EditPage id={id} />
      : path.startsWith('/screenings/') ? <ScreeningPage id={id} />
        : path.startsWith('/bookings/') ? <BookingPage id={id} />
          : invite ? <InvitePage token={invite} />
          : path === '/announce' || path === '/host/new' ? <ScreeningForm key={location.search} movieId={new URLSearchParams(location.search).get('movieId') ?? undefined} />
            : path === '/host' ? <MyScreenings />
              : path === '/me/bookings' ? <MyBookings />
                : path === '/me/notifications' ? <Notifications />
                  : path === '/me/schedule' ? <Schedule />
                    : path === '/me/ratings' ? <Ratings />
                  : <Find />;
  return (
    <>
      <a class="skip" href="#main">Skip to content</a>
      <header>
        <Link href="/" class="brand">Watch Together</Link>
        {signedIn ? (
          <nav aria-label="Main">
            <Link href="/">Find</Link><Link href="/host">Host</Link><Link href="/me/bookings">My bookings</Link><Link href="/me/schedule">Schedule</Link><Link href="/me/ratings">Ratings</Link>
            <Link href="/me/notifications">Notifications</Link>
            <button type="button" class="link" onClick={() => { session.signOut(); setSignedIn(false); }}>{session.name() ? `Sign out (${session.name()})` : 'Sign out'}</button>
          </nav>
        ) : null}
      </header>
      <main id="main" tabIndex={-1}>{page}</main>
    </>
  );
};

/** For the site that embeds this page: `watchTogether.signIn(token)` signs its user in (docs: README, web client). */
(window as unknown as { watchTogether: unknown }).watchTogether = {
  signIn: (token: string, name?: string) => { session.signIn(token, name); location.reload(); },
};

render(<App />, document.getElementById('app')!);
