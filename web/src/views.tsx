import type { Screening, ScreeningItem } from './api.js';
import { useI18n, type I18n } from './i18n/index.js';
import { Link } from './router.js';

/* How a screening, a booking and a rating read on every page, in the page's language. */

export const stars = ({ m, locale }: I18n, r: { average: number | null; count: number }) =>
  (r.count === 0 ? m.app.notRated : `★ ${r.average?.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} (${r.count})`);

export const seats = (i18n: I18n, n: number) => i18n.n(i18n.m.counts.seats, n);
export const statusText = ({ m }: I18n, status: string) => m.status[status] ?? status;

/** "2 seats — accepted, number 1 on the waitlist", as every page shows a booking (W1: the place in line). */
export const SeatsAndStatus = ({ b }: { b: { seats: number; status: string; waitlistPosition: number | null } }) => {
  const i18n = useI18n();
  return (
    <p>{seats(i18n, b.seats)} — <strong class={`status ${b.status}`}>{statusText(i18n, b.status)}</strong>
      {b.status === 'waitlisted' && b.waitlistPosition ? i18n.m.screening.inLine({ n: b.waitlistPosition }) : ''}</p>
  );
};

type ShownPlace = Screening['place'];
/** S1: the address for those who come; for everyone else the city. */
export const placeText = (p: ShownPlace) => (p.addressHidden ? p.city : `${p.address}, ${p.city}`);

/** S1: the address for those who come; for everyone else the city, and why there is no more. */
export const PlaceFacts = ({ place }: { place: ShownPlace }) => {
  const { m } = useI18n();
  return place.addressHidden ? (
    <>
      <dt>{m.screening.place}</dt><dd>{place.city} — <span class="muted">{m.screening.addressLater}</span></dd>
      {place.area ? <><dt>{m.screening.area}</dt><dd>{m.screening.within({ km: place.area.radiusKm, lat: place.area.lat.toFixed(3), lon: place.area.lon.toFixed(3) })}</dd></> : null}
    </>
  ) : <><dt>{m.screening.place}</dt><dd>{place.address}, {place.city}</dd></>;
};

export const Tags = ({ tags }: { tags: readonly string[] }) => (tags.length ? <p class="tags">{tags.map((t) => <span key={t}>{t}</span>)}</p> : null);

export const ScreeningCard = ({ s }: { s: ScreeningItem }) => {
  const i18n = useI18n();
  const { m } = i18n;
  return (
    <li class="card">
      <h3><Link href={`/screenings/${s.id}`}>{s.title}</Link></h3>
      <p>{s.movie.title} · {i18n.when(s.startsAt, s.place.timeZone)} · {s.place.city}</p>
      <p class="muted">{m.find.card({ host: s.host.name ?? m.app.someone, rating: stars(i18n, s.host.rating), left: s.seatsLeft, capacity: s.capacity })}
        {s.isFree ? m.find.free1 : ''}{s.privacy === 'friends' ? m.find.friendsOnly : ''}</p>
      <Tags tags={s.tags} />
    </li>
  );
};
