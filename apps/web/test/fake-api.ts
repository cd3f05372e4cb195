// A fake of the API for component tests: answers by method and path, records requests.
import type { Schemas } from '@rota/client';
import { QueryClient } from '@tanstack/react-query';
import { createRota } from '../src/api/rota.ts';

type Handler = (request: Request, body: unknown) => { status: number; body?: unknown };

export function fakeApi(routes: Record<string, Handler>) {
  const requests: {
    method: string;
    path: string;
    query: URLSearchParams;
    body: unknown;
    headers: Headers;
  }[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.text();
    const body = text ? JSON.parse(text) : undefined;
    requests.push({
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      body,
      headers: request.headers,
    });
    const key = `${request.method} ${url.pathname}`;
    const handler = routes[key];
    const answer = handler
      ? handler(request, body)
      : { status: 404, body: problem('not_found', 404, `No route ${key}`) };
    const isProblem = answer.status >= 400;
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: {
        'content-type': isProblem ? 'application/problem+json' : 'application/json',
      },
    });
  };
  return {
    client: createRota(fetchImpl as typeof fetch, 'http://rota.test'),
    queryClient: new QueryClient({ defaultOptions: { queries: { retry: false } } }),
    requests,
  };
}

export function problem(code: string, status: number, detail = code, extra = {}) {
  return { type: `urn:rota:error:${code}`, title: code, status, detail, code, ...extra };
}

export const me: Schemas['Me'] = {
  role: 'volunteer',
  via: 'session',
  personId: 'p1',
  unitId: 'u1',
  name: '李娜',
  unitName: '王家园社区',
};

export const person = {
  id: 'p1',
  name: '李娜',
  unitId: 'u1',
  phone: null,
  birthDate: '1989-04-12',
  tags: [],
  createdAt: '2026-01-01T00:00:00Z',
};

export function shift(overrides: Partial<Schemas['Shift']> = {}): Schemas['Shift'] {
  return {
    id: 's1',
    eventId: 'e1',
    occurrenceId: 'o1',
    slotKey: 'family',
    name: '家庭席位',
    role: 'attendee',
    start: '2026-12-12T09:30:00+08:00',
    end: '2026-12-12T11:30:00+08:00',
    capacity: 10,
    seatsTaken: 10,
    seatsLeft: 0,
    waitlistCount: 1,
    minNeeded: 0,
    understaffed: false,
    requiredTags: [],
    minAge: null,
    maxAge: null,
    maxPartySize: 5,
    waitlist: true,
    status: 'open',
    event: {
      title: '亲子活动 · 欢乐一家亲',
      kind: 'parent_child',
      unitId: 'u1',
      location: { name: '王家园社区多功能厅' },
    },
    ...overrides,
  };
}
