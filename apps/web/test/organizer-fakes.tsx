// Fakes for the organizer pages' tests: an organizer signed in, roster entries, and the app
// rendered at an organizer path over the fake API (fake-api.ts).
import type { Schemas } from '@rota/client';
import { render } from '@testing-library/react';
import { App } from '../src/app/App.tsx';
import { fakeApi } from './fake-api.ts';

/** Lazy pages load their chunk first: a busy machine takes seconds (the default wait is 1 s). */
export const LOADS = { timeout: 8000 };

export const organizer: Schemas['Me'] = {
  role: 'organizer',
  via: 'session',
  unitId: 'u1',
  name: '王家园社区',
  unitName: '王家园社区',
};

export function rosterEntry(
  overrides: Partial<Schemas['RosterEntry']> = {},
): Schemas['RosterEntry'] {
  return {
    id: 'g1',
    shiftId: 's1',
    personId: 'p1',
    seats: 1,
    companions: [],
    note: null,
    status: 'confirmed',
    waitlistPosition: null,
    createdAt: '2026-12-01T08:00:00Z',
    cancelledAt: null,
    cancelReason: null,
    checkedInAt: null,
    checkedOutAt: null,
    noShow: false,
    walkIn: false,
    person: { name: '李娜', phone: '13800001111' },
    ...overrides,
  };
}

/** Renders the app at `path` for a signed-in organizer; returns the fake API's requests. */
export function renderOrganizer(routes: Parameters<typeof fakeApi>[0], path: string) {
  window.history.replaceState(null, '', path);
  const api = fakeApi({
    'GET /v1/me': () => ({ status: 200, body: organizer }),
    ...routes,
  });
  render(<App client={api.client} queryClient={api.queryClient} />);
  return api;
}
