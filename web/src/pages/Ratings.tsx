import { useState } from 'preact/hooks';
import { api, session, type PendingRating } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';
import { Field, Loaded, PageHeading, ProblemBox, useLoad, useProblem } from '../ui.js';
import { stars } from '../views.js';

const RateForm = ({ item, onDone }: { item: PendingRating; onDone: () => void }) => {
  const i18n = useI18n();
  const { m } = i18n;
  const [score, setScore] = useState('5');
  const [comment, setComment] = useState('');
  const { problem, fields, run } = useProblem();
  const who = item.ratee.name ?? (item.as === 'host' ? m.ratings.theHost : m.ratings.yourGuest);
  return (
    <form class="card" aria-label={m.ratings.rate({ name: who })} onSubmit={(e) => {
      e.preventDefault();
      void run(async () => {
        await api('POST', `/announcements/${item.announcement.id}/ratings`, { rateeId: item.ratee.id, score: Number(score), ...(comment.trim() ? { comment: comment.trim() } : {}) });
        onDone();
      });
    }}>
      <h3>{who} · {m.ratings.of({ as: item.as })} <Link href={`/screenings/${item.announcement.id}`}>{item.announcement.title}</Link></h3>
      <p class="muted">{m.ratings.rateBy({ date: i18n.when(item.rateBy) })}</p>
      <Field label={m.ratings.score} path="score" errors={fields}>
        {(id, d) => <select id={id} aria-describedby={d} value={score} onChange={(e) => setScore(e.currentTarget.value)}>
          {['5', '4', '3', '2', '1'].map((s) => <option key={s} value={s}>{s} {'★'.repeat(Number(s))}</option>)}</select>}
      </Field>
      <Field label={m.ratings.comment} path="comment" errors={fields}>
        {(id, d) => <textarea id={id} aria-describedby={d} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />}
      </Field>
      <ProblemBox problem={problem} />
      <button type="submit">{m.ratings.rate({ name: who })}</button>
    </form>
  );
};

type Sides = { asHost: { average: number | null; count: number }; asGuest: { average: number | null; count: number } };

export const Ratings = () => {
  const i18n = useI18n();
  const { m } = i18n;
  const pending = useLoad(() => api<{ items: PendingRating[] }>('GET', '/me/ratings/pending'), []);
  const me = session.userId();
  const mine = useLoad(() => api<Sides>('GET', `/users/${me ?? ''}/rating`), [me]);
  return (
    <section aria-labelledby="ratings-title">
      <PageHeading id="ratings-title">{m.ratings.title}</PageHeading>
      {mine.data ? <p>{m.ratings.mine({ asHost: stars(i18n, mine.data.asHost), asGuest: stars(i18n, mine.data.asGuest) })}</p> : null}
      <h2>{m.ratings.toRate}</h2>
      <Loaded state={pending}>{(page) => (page.items.length === 0 ? <p>{m.ratings.none}</p> : (
        <div class="cards">{page.items.map((i) => <RateForm key={`${i.announcement.id}-${i.ratee.id}`} item={i} onDone={pending.reload} />)}</div>
      ))}</Loaded>
      <ProblemBox problem={mine.error} />
    </section>
  );
};
