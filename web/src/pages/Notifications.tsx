import { api, type Inbox } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { Cards, Loaded, PageHeading, ProblemBox, useLoad, useProblem } from '../ui.js';

/** Told to the frame whenever the unread count may have changed, so its count follows. */
export const INBOX_CHANGED = 'wt:inbox-changed';

export const Notifications = () => {
  const i18n = useI18n();
  const { m } = i18n;
  const inbox = useLoad(() => api<Inbox>('GET', '/me/notifications?limit=50'), []);
  const { problem, run } = useProblem();
  const markAll = () => run(async () => {
    await api('POST', '/me/notifications/read');
    inbox.reload();
    dispatchEvent(new Event(INBOX_CHANGED));
  });
  return (
    <section aria-labelledby="inbox-title">
      <PageHeading id="inbox-title">{m.inbox.title}</PageHeading>
      <ProblemBox problem={problem} />
      <Loaded state={inbox}>{(page) => (
        <>
          {page.unreadCount > 0 ? <p><button type="button" class="secondary" onClick={() => void markAll()}>{m.inbox.markAll}</button>
            {' '}<span class="muted">{i18n.n(m.app.unread, page.unreadCount)}</span></p> : null}
          <Cards items={page.items} empty={m.inbox.none}>{(item) => (
            <li class={item.read ? 'card' : 'card unread'} key={item.id}>
              <h3>{item.read ? null : <span class="badge">{m.inbox.new}</span>} <a href={item.link}>{item.title}</a></h3>
              <p>{item.body}</p>
              <p class="muted">{i18n.when(item.createdAt)}</p>
            </li>
          )}</Cards>
        </>
      )}</Loaded>
    </section>
  );
};
