import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.js';
import { useI18n } from './i18n/index.js';
import { takeFocusAfterNavigation } from './router.js';

/* The pieces every page shares: loading, problems, fields, lists, the page heading. */

/** Anything thrown by a call, as the problem a page shows. */
export const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError ? error : new ApiError({ status: 0, code: 'NETWORK', title: '' });

/** Loads on mount and whenever `deps` change; `reload` asks again. Answers to an abandoned load are dropped. */
export const useLoad = <T,>(load: () => Promise<T>, deps: unknown[]) => {
  const [state, setState] = useState<{ data?: T; error?: ApiError }>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState({});
    load().then((data) => live && setState({ data }), (error: unknown) => live && setState({ error: asApiError(error) }));
    return () => { live = false; };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
};

/** A problem from the API as a sentence, and its field messages for the fields that show them. */
export const useProblem = () => {
  const [problem, setProblem] = useState<ApiError | null>(null);
  const run = async (work: () => Promise<void>) => {
    setProblem(null);
    try { await work(); } catch (error) {
      setProblem(asApiError(error));
    }
  };
  return { problem, fields: problem?.fields ?? {}, run };
};

/** The problem in the page's language where the catalogue knows its code, else as the API said it. */
export const ProblemBox = ({ problem }: { problem: ApiError | null | undefined }) => {
  const { m } = useI18n();
  if (!problem) return null;
  const said = problem.problem.code === 'NETWORK' ? m.app.unreachable : m.problems[problem.problem.code] ?? problem.message;
  return <p class="problem" role="alert">{said}{problem.problem.errors?.length ? m.app.seeFields : ''}</p>;
};

export const Loading = () => <p aria-busy="true">{useI18n().m.app.loading}</p>;

/** A list of cards, or what to say when there is none. */
export const Cards = <T,>({ items, empty, children }: { items: readonly T[]; empty: string; children: (item: T, i: number) => ComponentChildren }) =>
  items.length === 0 ? <p>{empty}</p> : <ul class="cards">{items.map(children)}</ul>;

/** Loading, failed, or the loaded data shown. */
export const Loaded = <T,>({ state, children }: { state: { data?: T; error?: ApiError }; children: (data: T) => ComponentChildren }) =>
  state.error ? <ProblemBox problem={state.error} /> : state.data === undefined ? <Loading /> : <>{children(state.data)}</>;

/**
 * The page's heading: it names the page in the tab's title, and after a navigation it takes the
 * focus (it is not a control, so tabindex -1), so a screen reader says where the person now is.
 */
export const PageHeading = ({ children, id }: { children: string; id: string }) => {
  const { m } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} — ${m.app.name}`;
    if (takeFocusAfterNavigation()) heading.current?.focus();
  }, [children]);
  return <h1 id={id} ref={heading} tabIndex={-1}>{children}</h1>;
};

let fieldCounter = 0;
/** A labelled input with its error message tied to it (aria-describedby), keyed by the API's field path. */
export const Field = ({ label, path, errors, children, hint }: { label: string; path: string; errors: Record<string, string>; children: (id: string, described?: string, invalid?: boolean) => ComponentChildren; hint?: string }) => {
  const [id] = useState(() => `f${++fieldCounter}`);
  // The API names the exact field (`tags.0`); the form shows it at the field it belongs to (`tags`).
  const error = errors[path] ?? Object.entries(errors).find(([key]) => key.startsWith(`${path}.`))?.[1];
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children(id, error ? `${id}-error` : hint ? `${id}-hint` : undefined, Boolean(error))}
      {hint && !error ? <small id={`${id}-hint`}>{hint}</small> : null}
      {error ? <small class="field-error" id={`${id}-error`}>{error}</small> : null}
    </div>
  );
};

/**
 * Copies text to the clipboard where the browser allows it (a secure page), else selects the
 * field that holds it for the person to copy; says which happened.
 */
export const copyText = async (text: string, fieldId: string | null, said: { copied: string; selected: string }): Promise<string> => {
  try {
    await navigator.clipboard.writeText(text);
    return said.copied;
  } catch {
    if (fieldId) (document.getElementById(fieldId) as HTMLInputElement | null)?.select();
    return said.selected;
  }
};
