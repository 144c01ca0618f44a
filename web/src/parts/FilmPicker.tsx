import { useEffect, useState } from 'preact/hooks';
import { api, type Film } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { Field, useLoad } from '../ui.js';

/**
 * The film of a new screening, picked by its title from the films neighbour (`GET /movies?q=`);
 * a page opened with `?movieId=` (the cinema's film page) arrives with it chosen.
 */
export const FilmPicker = ({ movieId, errors, onPick }: { movieId: string; errors: Record<string, string>; onPick: (film: Film) => void }) => {
  const { m } = useI18n();
  const chosen = useLoad(() => (movieId ? api<Film>('GET', `/movies/${encodeURIComponent(movieId)}`).catch(() => null) : Promise.resolve(null)), [movieId]);
  const [words, setWords] = useState('');
  const [found, setFound] = useState<Film[] | null>(null);
  useEffect(() => {
    if (words.trim().length < 2) { setFound(null); return undefined; }
    let live = true;
    // Asks once typing pauses, not at every key.
    const wait = setTimeout(() => {
      api<{ items: Film[] }>('GET', `/movies?q=${encodeURIComponent(words.trim())}&limit=8`)
        .then((r) => live && setFound(r.items), () => live && setFound([]));
    }, 200);
    return () => { live = false; clearTimeout(wait); };
  }, [words]);
  return (
    <div class="film-picker">
      <Field label={m.form.film} path="movieId" errors={errors} hint={m.form.filmHint}>
        {(id, d, bad) => <input id={id} type="search" autocomplete="off" aria-describedby={d} aria-invalid={bad ? 'true' : undefined}
          value={words} onInput={(e) => setWords(e.currentTarget.value)} />}
      </Field>
      {found ? (found.length === 0 ? <p class="muted" role="status">{m.form.noFilm}</p> : (
        <ul class="choices" aria-label={m.form.filmsFound}>{found.map((f) => (
          <li key={f.id}><button type="button" class="secondary" onClick={() => { onPick(f); setWords(''); }}>{f.title} ({m.counts.minutes({ n: f.durationMinutes })})</button></li>))}
        </ul>
      )) : null}
      <p role="status">{!movieId ? m.form.noneChosen
        : chosen.data ? <>{m.form.chosen} <strong>{chosen.data.title}</strong> ({m.counts.minutes({ n: chosen.data.durationMinutes })})</>
          : chosen.data === null ? m.form.unknownFilm({ id: movieId }) : m.form.lookingUp}</p>
    </div>
  );
};
