import { useState } from 'preact/hooks';
import { api, type Page, type ScheduleItem } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';
import { Cards, copyText, Loaded, PageHeading, ProblemBox, useLoad, useProblem } from '../ui.js';
import { placeText, seats, statusText } from '../views.js';

/** The feed as calendar apps subscribe to it: the same address on the webcal scheme. */
const webcal = (url: string) => url.replace(/^https?:/, 'webcal:');

export const Schedule = () => {
  const i18n = useI18n();
  const { m } = i18n;
  const list = useLoad(() => api<Page<ScheduleItem>>('GET', '/me/schedule?limit=50'), []);
  const [feed, setFeed] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const { problem, run } = useProblem();
  return (
    <section aria-labelledby="schedule-title">
      <PageHeading id="schedule-title">{m.schedule.title}</PageHeading>
      <Loaded state={list}>{(page) => (
        <Cards items={page.items} empty={m.schedule.none}>{(i) => (
          <li class="card" key={i.announcement.id}>
            <h3><Link href={`/screenings/${i.announcement.id}`}>{i.announcement.title}</Link></h3>
            <p>{i18n.when(i.announcement.startsAt, i.announcement.place.timeZone)} · {placeText(i.announcement.place)}</p>
            <p class="muted">{i.role === 'host' ? m.schedule.youHost : m.schedule.youGo({ seats: seats(i18n, i.booking?.seats ?? 1), status: statusText(i18n, i.booking?.status ?? '') })}
              {' · '}{statusText(i18n, i.announcement.status)}</p>
          </li>
        )}</Cards>
      )}</Loaded>
      <h2>{m.schedule.inApp}</h2>
      <p>{m.schedule.explain}</p>
      <ProblemBox problem={problem} />
      {feed ? (
        <>
          <p><label for="feed">{m.schedule.address}</label> <input id="feed" readOnly value={webcal(feed)} size={50} onFocus={(e) => e.currentTarget.select()} /></p>
          <p class="actions">
            <a class="button" href={webcal(feed)}>{m.schedule.subscribe}</a>
            <button type="button" class="secondary" onClick={() => void copyText(webcal(feed), 'feed', { copied: m.invites.copied, selected: m.screening.linkSelected }).then(setSaid)}>{m.schedule.copy}</button>
            {said ? <span role="status">{said}</span> : null}
          </p>
        </>
      ) : null}
      <button type="button" class="secondary" onClick={() => void run(async () => { setSaid(null); setFeed((await api<{ url: string }>('POST', '/me/calendar-feed')).url); })}>
        {feed ? m.schedule.renew : m.schedule.get}</button>
    </section>
  );
};
