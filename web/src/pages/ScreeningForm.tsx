import { useState } from 'preact/hooks';
import { api, type Screening } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { FilmPicker } from '../parts/FilmPicker.js';
import { navigate } from '../router.js';
import { Field, Loaded, PageHeading, ProblemBox, useLoad, useProblem } from '../ui.js';

const localInput = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/**
 * Announce (`/announce`, `/announce?movieId=…`) or edit a screening. The point on the map —
 * typed, or the browser's own location — is what a `near` search finds it by; without one the
 * screening is found by its city only.
 */
const ScreeningForm = ({ existing, movieId }: { existing?: Screening; movieId?: string }) => {
  const { m } = useI18n();
  const tomorrow = new Date(Date.now() + 86_400_000);
  tomorrow.setHours(20, 0, 0, 0);
  const exact = existing && !existing.place.addressHidden ? existing.place : undefined;
  const [v, setV] = useState({
    movieId: existing?.movieId ?? movieId ?? '', title: existing?.title ?? '', description: existing?.description ?? '',
    startsAt: localInput(existing?.startsAt ?? tomorrow.toISOString()), city: existing?.place.city ?? '', address: exact?.address ?? '',
    lat: exact?.lat?.toString() ?? '', lon: exact?.lon?.toString() ?? '',
    capacity: String(existing?.capacity ?? 4), privacy: existing?.privacy ?? 'public', isFree: existing?.isFree ?? true,
    tags: existing?.tags.join(', ') ?? '', approval: existing?.approval ?? 'manual',
  });
  const [located, setLocated] = useState<string | null>(null);
  const { problem, fields, run } = useProblem();
  const set = (key: keyof typeof v) => (e: { currentTarget: { value: string } }) => setV((x) => ({ ...x, [key]: e.currentTarget.value }));
  const input = (key: keyof typeof v, label: string, path: string, type = 'text', extra: Record<string, unknown> = {}) => (
    <Field label={label} path={path} errors={fields}>
      {(id, d, bad) => <input id={id} type={type} aria-describedby={d} aria-invalid={bad ? 'true' : undefined} value={v[key] as string} onInput={set(key)} {...extra} />}
    </Field>
  );
  const useMyLocation = () => {
    setLocated(null);
    if (!navigator.geolocation) { setLocated(m.form.noLocation); return; }
    navigator.geolocation.getCurrentPosition(
      (p) => setV((x) => ({ ...x, lat: p.coords.latitude.toFixed(5), lon: p.coords.longitude.toFixed(5) })),
      () => setLocated(m.form.noLocation),
    );
  };
  const submit = () => run(async () => {
    const point = v.lat.trim() && v.lon.trim() ? { lat: Number(v.lat), lon: Number(v.lon) } : {};
    const body = {
      title: v.title, description: v.description, startsAt: new Date(v.startsAt).toISOString(), place: { city: v.city, address: v.address, ...point },
      capacity: Number(v.capacity), privacy: v.privacy, isFree: v.isFree, approval: v.approval,
      tags: v.tags.split(',').map((t) => t.trim()).filter(Boolean),
    };
    const saved = existing
      ? await api<Screening>('PATCH', `/announcements/${existing.id}`, body, { 'If-Match': `"${existing.version}"` })
      : await api<Screening>('POST', '/announcements', { movieId: v.movieId, ...body });
    navigate(`/screenings/${saved.id}`);
  });
  return (
    <form aria-labelledby="form-title" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <PageHeading id="form-title">{existing ? m.form.editTitle : m.form.newTitle}</PageHeading>
      {existing ? null : <FilmPicker movieId={v.movieId} errors={fields} onPick={(f) => setV((x) => ({ ...x, movieId: f.id, title: x.title || f.title }))} />}
      {input('title', m.form.title, 'title', 'text', { required: true })}
      <Field label={m.form.description} path="description" errors={fields}>
        {(id, d) => <textarea id={id} aria-describedby={d} value={v.description} onInput={set('description')} />}
      </Field>
      {input('startsAt', m.form.starts, 'startsAt', 'datetime-local', { required: true })}
      {input('city', m.form.city, 'place.city', 'text', { required: true })}
      {input('address', m.form.address, 'place.address', 'text', { required: true })}
      <fieldset class="point">
        <legend>{m.form.point} <small>({m.form.pointHint})</small></legend>
        {input('lat', m.form.lat, 'place.lat', 'number', { step: 'any', min: -90, max: 90 })}
        {input('lon', m.form.lon, 'place.lon', 'number', { step: 'any', min: -180, max: 180 })}
        <button type="button" class="secondary" onClick={useMyLocation}>{m.form.useLocation}</button>
        {located ? <p role="status">{located}</p> : null}
      </fieldset>
      {input('capacity', m.form.seats, 'capacity', 'number', { min: 1 })}
      {input('tags', m.form.tags, 'tags', 'text', { placeholder: m.form.tagsPlaceholder })}
      <Field label={m.form.who} path="privacy" errors={fields}>
        {(id) => <select id={id} value={v.privacy} onChange={set('privacy')}><option value="public">{m.form.anyone}</option><option value="friends">{m.form.friends}</option></select>}
      </Field>
      <Field label={m.form.requests} path="approval" errors={fields}>
        {(id) => <select id={id} value={v.approval} onChange={set('approval')}><option value="manual">{m.form.manual}</option><option value="auto">{m.form.auto}</option></select>}
      </Field>
      <label class="check"><input type="checkbox" checked={v.isFree} onChange={(e) => setV((x) => ({ ...x, isFree: e.currentTarget.checked }))} /> {m.form.free}</label>
      <ProblemBox problem={problem} />
      <button type="submit">{existing ? m.form.save : m.form.announce}</button>
    </form>
  );
};

export const AnnouncePage = () => <ScreeningForm key={location.search} movieId={new URLSearchParams(location.search).get('movieId') ?? undefined} />;

export const EditPage = ({ id }: { id: string }) => {
  const screening = useLoad(() => api<Screening>('GET', `/announcements/${id}`), [id]);
  return <Loaded state={screening}>{(s) => <ScreeningForm existing={s} />}</Loaded>;
};
