import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { navigate } from '../router.js';
import { Field, ProblemBox, useProblem } from '../ui.js';

const REASONS = ['spam', 'harassment', 'unsafe', 'misleading', 'other'] as const;

/** S3 and S4, from a person's name: block them (after a confirmation), or tell the platform. */
export const PersonSafety = ({ userId, name, screeningId }: { userId: string; name: string; screeningId: string }) => {
  const { m } = useI18n();
  const [reporting, setReporting] = useState(false);
  const [reason, setReason] = useState<(typeof REASONS)[number]>('spam');
  const [details, setDetails] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { problem, fields, run } = useProblem();
  const block = () => run(async () => {
    if (!confirm(m.safety.confirmBlock({ name }))) return;
    await api('POST', '/me/blocks', { userId });
    navigate('/');
  });
  const report = () => run(async () => {
    await api('POST', '/reports', { subject: { announcementId: screeningId }, reason, ...(details.trim() ? { details: details.trim() } : {}) });
    setReporting(false);
    setDone(m.safety.thanks);
  });
  return (
    <section aria-labelledby="safety-title">
      <h2 id="safety-title">{m.safety.title}</h2>
      <p class="actions">
        <button type="button" class="secondary" onClick={() => void block()}>{m.safety.block({ name })}</button>
        <button type="button" class="secondary" aria-expanded={reporting} onClick={() => setReporting(!reporting)}>{m.safety.report}</button>
      </p>
      {done ? <p role="status">{done}</p> : null}
      {reporting ? (
        <form aria-label={m.safety.report} onSubmit={(e) => { e.preventDefault(); void report(); }}>
          <Field label={m.safety.reason} path="reason" errors={fields}>
            {(id, d) => <select id={id} value={reason} aria-describedby={d} onChange={(e) => setReason(e.currentTarget.value as (typeof REASONS)[number])}>
              {REASONS.map((r) => <option key={r} value={r}>{m.safety.reasons[r] ?? r}</option>)}</select>}
          </Field>
          <Field label={m.safety.details} path="details" errors={fields}>
            {(id, d) => <textarea id={id} value={details} aria-describedby={d} onInput={(e) => setDetails(e.currentTarget.value)} />}
          </Field>
          <button type="submit">{m.safety.send}</button>
        </form>
      ) : null}
      <ProblemBox problem={problem} />
    </section>
  );
};
