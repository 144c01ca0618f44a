import { useState } from 'preact/hooks';
import { api, type Page, type ScheduleItem } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';
import { Cards, Loaded, PageHeading, useLoad } from '../ui.js';
import { statusText } from '../views.js';

const TABS = ['upcoming', 'past', 'cancelled'] as const;
type Tab = (typeof TABS)[number];
/** How far back "Past" reaches: the schedule lists screenings still running at `from` or later. */
const PAST_DAYS = 365;

const tabOf = (item: ScheduleItem, now: number): Tab =>
  item.announcement.status === 'cancelled' ? 'cancelled'
    : item.announcement.status === 'done' || Date.parse(item.announcement.startsAt) <= now ? 'past' : 'upcoming';

/** The host's screenings (from their schedule) in three tabs: upcoming, past and cancelled. */
export const HostPage = () => {
  const i18n = useI18n();
  const { m } = i18n;
  const [tab, setTab] = useState<Tab>('upcoming');
  const from = new Date(Date.now() - PAST_DAYS * 86_400_000).toISOString();
  const schedule = useLoad(() => api<Page<ScheduleItem>>('GET', `/me/schedule?from=${encodeURIComponent(from)}&limit=100`), []);
  const pick = (next: Tab) => { setTab(next); document.getElementById(`tab-${next}`)?.focus(); };
  return (
    <section aria-labelledby="host-title">
      <PageHeading id="host-title">{m.host.title}</PageHeading>
      <p><Link href="/announce" class="button">{m.host.announce}</Link></p>
      <div role="tablist" aria-label={m.host.tabs} class="tabs" onKeyDown={(e) => {
        const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        if (step) pick(TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length]!);
      }}>
        {TABS.map((t) => (
          <button key={t} type="button" role="tab" id={`tab-${t}`} aria-selected={tab === t} aria-controls="host-panel" tabIndex={tab === t ? 0 : -1}
            class={tab === t ? 'tab selected' : 'tab'} onClick={() => pick(t)}>{m.host[t]}</button>
        ))}
      </div>
      <div role="tabpanel" id="host-panel" aria-labelledby={`tab-${tab}`}>
        <Loaded state={schedule}>{(page) => {
          const now = Date.now();
          const items = page.items.filter((i) => i.role === 'host' && tabOf(i, now) === tab);
          if (tab !== 'upcoming') items.reverse(); // the latest first
          return (
            <Cards items={items} empty={m.host.none[tab] ?? ''}>{(i) => (
              <li class="card" key={i.announcement.id}>
                <h3><Link href={`/screenings/${i.announcement.id}`}>{i.announcement.title}</Link></h3>
                <p>{i.announcement.movie.title} · {i18n.when(i.announcement.startsAt, i.announcement.place.timeZone)} · {i.announcement.place.city}</p>
                <p class="muted">{statusText(i18n, i.announcement.status)}</p>
              </li>
            )}</Cards>
          );
        }}</Loaded>
      </div>
    </section>
  );
};
