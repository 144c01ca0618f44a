import { api, setBookingStatus, type HostBooking, type Screening } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { Cards, Loaded, ProblemBox, useLoad, useProblem } from '../ui.js';
import { seats, stars, statusText } from '../views.js';

/**
 * The host's requests at a screening: accept or reject a request, revoke an accepted guest's
 * seat before the start (after a confirmation), and after the end say who came (S5).
 */
export const Requests = ({ screening, onChanged }: { screening: Screening; onChanged: () => void }) => {
  const i18n = useI18n();
  const { m } = i18n;
  const list = useLoad(() => api<HostBooking[]>('GET', `/announcements/${screening.id}/bookings`), [screening.id, screening.version]);
  const { problem, run } = useProblem();
  const upcoming = (screening.status === 'open' || screening.status === 'closed') && Date.parse(screening.startsAt) > Date.now();
  const decide = (b: HostBooking, status: 'accepted' | 'rejected', confirmFirst?: string) => run(async () => {
    if (confirmFirst && !confirm(confirmFirst)) return;
    await setBookingStatus(b.id, status);
    list.reload();
    onChanged();
  });
  const mark = (b: HostBooking, attended: boolean) => run(async () => {
    await api('PUT', `/announcements/${screening.id}/attendance/${b.guestId}`, { attended });
    list.reload();
  });
  return (
    <section aria-labelledby="requests-title">
      <h2 id="requests-title">{m.requests.title}</h2>
      <ProblemBox problem={problem} />
      <Loaded state={list}>{(bookings) => (
        <Cards items={bookings} empty={m.requests.none}>{(b) => {
          const name = b.guest.name ?? m.requests.aGuest;
          return (
            <li class="card" key={b.id}>
              <p><strong>{name}</strong> {m.requests.asks({ rating: stars(i18n, b.guest.rating), seats: seats(i18n, b.seats) })}{' '}
                <em>{statusText(i18n, b.status)}</em>{b.status === 'waitlisted' && b.waitlistPosition ? m.screening.inLine({ n: b.waitlistPosition }) : ''}</p>
              <p class="muted">{m.requests.reliability({ attended: b.guest.reliability.attended, noShows: b.guest.reliability.noShows, late: b.guest.reliability.lateCancellations })}</p>
              {b.message ? <p class="muted">“{b.message}”</p> : null}
              {b.status === 'pending' ? (
                <p class="actions">
                  <button type="button" onClick={() => void decide(b, 'accepted')}>{m.requests.accept({ name })}</button>
                  <button type="button" class="secondary" onClick={() => void decide(b, 'rejected')}>{m.requests.reject({ name })}</button>
                </p>
              ) : null}
              {b.status === 'accepted' && upcoming ? (
                <p class="actions">
                  <button type="button" class="secondary" onClick={() => void decide(b, 'rejected', m.requests.confirmRevoke({ name }))}>{m.requests.revoke({ name })}</button>
                </p>
              ) : null}
              {b.status === 'accepted' && screening.status === 'done' ? (
                <p class="actions">
                  {b.attended === null ? null : <span class="muted">{m.requests.marked({ came: b.attended })}</span>}
                  <button type="button" onClick={() => void mark(b, true)}>{m.requests.came({ name })}</button>
                  <button type="button" class="secondary" onClick={() => void mark(b, false)}>{m.requests.noShow({ name })}</button>
                </p>
              ) : null}
            </li>
          );
        }}</Cards>
      )}</Loaded>
    </section>
  );
};
