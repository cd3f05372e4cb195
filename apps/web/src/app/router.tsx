import { type MouseEvent, type ReactNode, useEffect, useSyncExternalStore } from 'react';

// A router of a handful of pages needs no library: the path in the address bar, pushState to
// move, popstate to go back. The server answers every page path with index.html.

const listeners = new Set<() => void>();
function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** Moves to `to` (a path with an optional query) without reloading. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  for (const listener of listeners) listener();
  window.scrollTo?.(0, 0);
}

/** The current path (without query or fragment). */
export function usePath(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.pathname,
    () => '/',
  );
}

/** A link that moves inside the app (a real `<a href>`: opens in a new tab too). */
export function Link(props: {
  to: string;
  children: ReactNode;
  className?: string;
  current?: boolean;
  /** An accessible name when the text alone is ambiguous ("Roster" in a table row). */
  label?: string;
}) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(props.to);
  };
  return (
    <a
      href={props.to}
      onClick={onClick}
      className={props.className}
      aria-current={props.current ? 'page' : undefined}
      aria-label={props.label}
    >
      {props.children}
    </a>
  );
}

/** Sets the document title for the page being shown. */
export function useTitle(title: string, appName: string): void {
  useEffect(() => {
    document.title = `${title} · ${appName}`;
  }, [title, appName]);
}
