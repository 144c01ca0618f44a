import { useState } from 'preact/hooks';
import { api, download, isActive, session, setBookingStatus, type Screening } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { BookingForm } from '../parts/BookingForm.js';
import { InviteLinks } from '../parts/InviteLinks.js';
import { PersonSafety } from '../parts/PersonSafety.js';
import { Requests } from '../parts/Requests.js';
import { Link } from '../router.js';
import { copyText, PageHeading, ProblemBox, Loading, useLoad, useProblem } from '../ui.js';
import { PlaceFacts, SeatsAndStatus, seats, stars, statusText, Tags } from '../views.js';

/** Share the short link: the system's share sheet where there is one, else the clipboard. */
const ShareAndCalendar = ({ s }: { s: Screening }) => {
  const { m } = useI18n();
  const [said, setSaid] = useState<string | null>(null);
  const { problem, run } = useProblem();
  const share = async () => {
    if (navigator.share) {
      try { await navigator.share({ title: s.title, url: s.shortUrl }); return; } catch { /* dismissed, or refused: copy instead */ }
    }
    setSaid(await copyText(s.shortUrl, null, { copied: m.screening.linkCopied, selected: m.screening.linkSelected }));
  };
  return (
    <>
      <p class="actions">
        <button type="button" class="secondary" onClick={() => void share()}>{m.screening.share}</button>
        <button type="button" class="secondary" onClick={() => void run(() => download(`/announcements/${s.id}/calendar.ics`, 'screening.ics'))}>{m.screening.addToCalendar}</button>
        {said ? <span role="status">{said}</span> : null}
      </p>
      <p class="muted">{m.screening.shortLink}: <a href={s.shortUrl}>{s.shortUrl}</a></p>
      <ProblemBox problem={problem} />
    </>
  );
};

export const ScreeningPage = ({ id }: { id: string }) => {
  const i18n = useI18n();
  const { m, n } = i18n;
  const { data: s, error, reload } = useLoad(() => api<Screening>('GET', `/announcements/${id}`), [id]);
  const { problem, run } = useProblem();
  if (error) return <section aria-labelledby="screening-title"><PageHeading id="screening-title">{m.screening.fallbackTitle}</PageHeading><ProblemBox problem={error} /></section>;
  if (!s) return <Loading />;
  const mine = s.hostId === session.userId();
  const active = s.myBooking && isActive(s.myBooking.status);
  const changeable = s.status === 'open' || s.status === 'closed';
  const cancel = () => run(async () => {
    if (!confirm(m.screening.confirmCancel({ title: s.title }))) return;
    await api('POST', `/announcements/${s.id}/cancel`, undefined, { 'If-Match': `"${s.version}"` });
    reload();
  });
  return (
    <article aria-labelledby="screening-title">
      <PageHeading id="screening-title">{s.title}</PageHeading>
      <p class="lead">{s.movie.title} · {i18n.when(s.startsAt, s.place.timeZone)} · {m.counts.minutes({ n: s.durationMinutes })}</p>
      <dl class="facts">
        <dt>{m.screening.host}</dt><dd>{s.host.name ?? m.app.someone} ({stars(i18n, s.host.rating)})</dd>
        <PlaceFacts place={s.place} />
        <dt>{m.screening.seats}</dt><dd>{m.screening.left({ left: s.seatsLeft, capacity: s.capacity })}</dd>
        <dt>{m.screening.who}</dt><dd>{s.privacy === 'friends' ? m.screening.friends : m.screening.anyone} · {s.approval === 'auto' ? m.screening.auto : m.screening.manual} · {s.isFree ? m.screening.free : m.screening.paid}</dd>
        <dt>{m.screening.status}</dt><dd>{statusText(i18n, s.status)}</dd>
        {s.tags.length ? <><dt>{m.screening.tags}</dt><dd><Tags tags={s.tags} /></dd></> : null}
      </dl>
      {s.description ? <p>{s.description}</p> : null}
      <h2>{m.screening.guests}</h2>
      {s.guests ? (s.guests.length ? <ul>{s.guests.map((g) => <li key={g.id}>{g.name ?? m.screening.aGuest} · {seats(i18n, g.seats)} · {stars(i18n, g.rating)}</li>)}</ul> : <p>{m.screening.noGuests}</p>)
        : <p>{s.guestCount === 0 ? m.screening.noGuests : n(m.screening.going, s.guestCount)} — <span class="muted">{m.screening.guestsLater}</span></p>}
      {s.myBooking ? (
        <section aria-labelledby="mine-title">
          <h2 id="mine-title">{m.screening.mine}</h2>
          <SeatsAndStatus b={s.myBooking} />
          {active ? <button type="button" class="secondary" onClick={() => void run(async () => { await setBookingStatus(s.myBooking!.id, 'cancelled'); reload(); })}>
            {s.myBooking.status === 'waitlisted' ? m.screening.leaveWaitlist : m.screening.cancelMine}</button> : null}
        </section>
      ) : null}
      <ProblemBox problem={problem} />
      <ShareAndCalendar s={s} />
      {mine ? (
        <>
          <p class="actions">{changeable ? <Link href={`/screenings/${s.id}/edit`} class="button">{m.screening.edit}</Link> : null}
            {changeable ? <button type="button" class="secondary" onClick={() => void cancel()}>{m.screening.cancel}</button> : null}</p>
          <Requests screening={s} onChanged={reload} />
          {changeable && Date.parse(s.startsAt) > Date.now() ? <InviteLinks screening={s} /> : null}
        </>
      ) : !active && s.status === 'open' ? <BookingForm screening={s} onBooked={reload} /> : null}
      {mine ? null : <PersonSafety userId={s.hostId} name={s.host.name ?? m.safety.theHost} screeningId={s.id} />}
    </article>
  );
};
