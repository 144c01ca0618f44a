import { useState } from 'preact/hooks';
import { api, type InviteLink, type Screening } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { Cards, copyText, Loaded, ProblemBox, useLoad, useProblem } from '../ui.js';

/** RULES §10 I1: the host's invite links: make one to send, copy it, revoke it. */
export const InviteLinks = ({ screening }: { screening: Screening }) => {
  const { m } = useI18n();
  const list = useLoad(() => api<{ items: InviteLink[] }>('GET', `/announcements/${screening.id}/invites`), [screening.id]);
  const { problem, run } = useProblem();
  const [copied, setCopied] = useState<{ token: string; said: string } | null>(null);
  const make = () => run(async () => { await api('POST', `/announcements/${screening.id}/invites`); list.reload(); });
  const revoke = (link: InviteLink) => run(async () => { await api('DELETE', `/invites/${link.token}`); list.reload(); });
  const copy = async (link: InviteLink, field: string) =>
    setCopied({ token: link.token, said: await copyText(link.url, field, { copied: m.invites.copied, selected: m.screening.linkSelected }) });
  return (
    <section aria-labelledby="invites-title">
      <h2 id="invites-title">{m.invites.title}</h2>
      <p class="muted">{m.invites.explain}</p>
      <ProblemBox problem={problem} />
      <Loaded state={list}>{({ items }) => (
        <Cards items={items} empty={m.invites.none}>{(link, i) => (
          <li class="card" key={link.token}>
            <label for={`invite-${i}`}>{m.invites.link({ i: i + 1 })}{link.live ? '' : link.revokedAt ? m.invites.revoked : m.invites.dead}</label>
            <input id={`invite-${i}`} readOnly value={link.url} onFocus={(e) => e.currentTarget.select()} />
            {link.live ? (
              <p class="actions">
                <button type="button" class="secondary" onClick={() => void copy(link, `invite-${i}`)}>{m.invites.copy({ i: i + 1 })}</button>
                <button type="button" class="secondary" onClick={() => void revoke(link)}>{m.invites.revoke({ i: i + 1 })}</button>
                {copied?.token === link.token ? <span role="status">{copied.said}</span> : null}
              </p>
            ) : null}
          </li>
        )}</Cards>
      )}</Loaded>
      <button type="button" onClick={() => void make()}>{m.invites.make}</button>
    </section>
  );
};
