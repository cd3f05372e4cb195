import type { Schemas } from '@rota/client';
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import { matchPath } from './match-path.ts';

/** The menu's areas: the shell highlights the area of the page shown. */
export type OrganizerArea = 'week' | 'events' | 'people' | 'units';

/** What every organizer page receives: who is signed in, and the path's `:name` parts. */
export interface OrganizerPageProps {
  me: Schemas['Me'];
  params: Record<string, string>;
}

export interface OrganizerRoute {
  /** `/organizer/...`, with `:name` segments. */
  path: string;
  area: OrganizerArea;
  /** Lazy, so that each area is its own chunk and the shell shows at once. */
  page: LazyExoticComponent<ComponentType<OrganizerPageProps>>;
}

/** Where a shift's roster is (This week, Events and People link to it). */
export function rosterPath(shiftId: string): string {
  return `/organizer/shifts/${encodeURIComponent(shiftId)}`;
}

// Each area registers its pages in its own block below (kept apart by comments, so that
// parallel work on different areas merges without conflicts). A placeholder stands in for an
// area until its pages land: replace its entry with your own.
export const organizerRoutes: OrganizerRoute[] = [
  // --- This week (i15-roster) ---
  {
    path: '/organizer',
    area: 'week',
    page: lazy(() => import('./week/ThisWeekPage.tsx')),
  },
  {
    path: '/organizer/week',
    area: 'week',
    page: lazy(() => import('./week/ThisWeekPage.tsx')),
  },
  // --- Roster of a shift (i15-roster) ---
  {
    path: '/organizer/shifts/:id',
    area: 'week',
    page: lazy(() => import('./roster/RosterPage.tsx')),
  },

  // --- Events (i15-events) ---
  {
    path: '/organizer/events',
    area: 'events',
    page: lazy(() => import('./events/EventsArea.tsx')),
  },
  {
    path: '/organizer/events/new',
    area: 'events',
    page: lazy(() => import('./events/EventsArea.tsx')),
  },
  {
    path: '/organizer/events/:id',
    area: 'events',
    page: lazy(() => import('./events/EventsArea.tsx')),
  },
  {
    path: '/organizer/events/:id/edit',
    area: 'events',
    page: lazy(() => import('./events/EventsArea.tsx')),
  },

  // --- People (i15-people) ---
  {
    path: '/organizer/people',
    area: 'people',
    page: lazy(() => import('./people/PeoplePage.tsx')),
  },
  {
    path: '/organizer/people/:id',
    area: 'people',
    page: lazy(() => import('./people/PersonPage.tsx')),
  },

  // --- Units (i15-people) ---
  {
    path: '/organizer/units',
    area: 'units',
    page: lazy(() => import('./units/UnitsPage.tsx')),
  },

  // --- end of the route table ---
];

/** The route for a path (the first that matches) and its parameters. */
export function findOrganizerRoute(
  path: string,
): { route: OrganizerRoute; params: Record<string, string> } | undefined {
  // An organizer who opens the app's root lands on This week.
  const wanted = path === '/' ? '/organizer' : path;
  for (const route of organizerRoutes) {
    const params = matchPath(route.path, wanted);
    if (params) return { route, params };
  }
  return undefined;
}
