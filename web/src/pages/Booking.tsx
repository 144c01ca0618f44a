import { api, isActive, session, setBookingStatus, type Booking } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';
import { Loaded, PageHeading, ProblemBox, useLoad, useProblem } from '../ui.js';
import { placeText, SeatsAndStatus } from '../views.js';

export const BookingPage = ({ id }: { id: string }) => {
  const i18n = useI18n();
  const { m } = i18n;
  const booking = useLoad(() => api<Booking>('GET', `/bookings/${id}`), [id]);
  const { problem, run } = useProblem();
  const me = session.userId();
  return (
    <Loaded state={booking}>{(b) => {
      const change = (status: 'accepted' | 'rejected' | 'cancelled') => run(async () => { await setBookingStatus(b.id, status); booking.reload(); });
      return (
        <article aria-labelledby="booking-title">
          <PageHeading id="booking-title">{m.bookings.of({ title: b.announcement.title })}</PageHeading>
          <SeatsAndStatus b={b} />
          {b.message ? <p class="muted">“{b.message}”</p> : null}
          <p>{b.announcement.movie.title} · {i18n.when(b.announcement.startsAt, b.announcement.place.timeZone)} · {placeText(b.announcement.place)}</p>
          {b.announcement.place.addressHidden ? <p class="muted">{m.bookings.addressLater}</p> : null}
          <ProblemBox problem={problem} />
          <p class="actions">
            {b.hostId === me && b.status === 'pending' ? <>
              <button type="button" onClick={() => void change('accepted')}>{m.bookings.accept}</button>
              <button type="button" class="secondary" onClick={() => void change('rejected')}>{m.bookings.reject}</button>
            </> : null}
            {b.guestId === me && isActive(b.status) ? <button type="button" class="secondary" onClick={() => void change('cancelled')}>{m.bookings.cancel}</button> : null}
          </p>
          <p><Link href={`/screenings/${b.announcementId}`}>{m.bookings.open}</Link></p>
        </article>
      );
    }}</Loaded>
  );
};
