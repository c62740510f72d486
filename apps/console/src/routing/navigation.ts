/**
 * A small history router. Every view lives under `/console/…` so no client route collides with the
 * X-Ray `POST /Action` paths on the same port; the query string holds the view state, so a copied
 * address opens exactly the same view.
 */
import { useSyncExternalStore } from 'react';

/** The prefix of every console address. */
export const CONSOLE_BASE = '/console';

const CHANGE = 'roentgen:navigate';

function subscribe(notify: () => void): () => void {
  window.addEventListener('popstate', notify);
  window.addEventListener(CHANGE, notify);
  return () => {
    window.removeEventListener('popstate', notify);
    window.removeEventListener(CHANGE, notify);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

/** The current path and query string; re-renders on every navigation. */
export function useLocation(): { path: string; params: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, params: url.searchParams };
}

/**
 * Goes to `href`. `replace` is for state changes a person would not want in their back button
 * history (each keystroke of a filter, each pixel of a brush).
 */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (href === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(CHANGE));
}

/** Builds `path?query`, dropping empty values so links stay short. */
export function hrefFor(path: string, params: Record<string, string | number | undefined | null | false>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === false || value === '') continue;
    search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}
