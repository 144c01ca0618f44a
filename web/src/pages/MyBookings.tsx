import { api, type Booking, type Page } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';
import { Cards, Loaded, PageHeading, useLoad } from '../ui.js';
import { SeatsAndStatus } from '../views.js';

export const MyBookings = () => {
  const i18n = useI18n();
  const { m } = i18n;
  const list = useLoad(() => api<Page<Booking>>('GET', '/bookings?limit=50'), []);
  return (
    <section aria-labelledby="bookings-title">
      <PageHeading id="bookings-title">{m.bookings.title}</PageHeading>
      <Loaded state={list}>{(page) => (
        <Cards items={page.items} empty={m.bookings.none}>{(b) => (
          <li class="card" key={b.id}>
            <h3><Link href={`/screenings/${b.announcementId}`}>{b.announcement.title}</Link></h3>
            <p>{b.announcement.movie.title} · {i18n.when(b.announcement.startsAt, b.announcement.place.timeZone)} · {b.announcement.place.city}</p>
            <SeatsAndStatus b={b} />
          </li>
        )}</Cards>
      )}</Loaded>
    </section>
  );
};
