import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/*
 * Navigation on the History API: every page has its own address, so links from anywhere land.
 * After a navigation (not on the first load, where the browser's own focus is right) the page's
 * heading takes the focus, so a screen reader announces where the person is (PageHeading).
 */

let moved = false;

export const navigate = (to: string, { replace = false } = {}): void => {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  dispatchEvent(new PopStateEvent('popstate'));
};

/** The path, kept current on every navigation (links, back and forward). */
export const usePath = (): string => {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => {
      moved = true;
      setPath(location.pathname);
      window.scrollTo(0, 0);
    };
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return path;
};

/** Whether the heading about to show should take the focus: once per navigation. */
export const takeFocusAfterNavigation = (): boolean => {
  const was = moved;
  moved = false;
  return was;
};

export const Link = ({ href, children, class: className, ...rest }: { href: string; children: ComponentChildren; class?: string; 'aria-label'?: string; 'aria-current'?: 'page' }) => (
  <a href={href} class={className} {...rest} onClick={(e) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(href);
  }}>{children}</a>
);

/** The page's routes: a pattern for the path, and what it shows with the pattern's groups. */
export type Route = readonly [RegExp, (groups: string[]) => ComponentChildren];
export const match = (routes: readonly Route[], path: string, fallback: () => ComponentChildren): ComponentChildren => {
  for (const [pattern, page] of routes) {
    const found = pattern.exec(path);
    if (found) return page(found.slice(1));
  }
  return fallback();
};
