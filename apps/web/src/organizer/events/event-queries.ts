// Server state of the Events pages (TanStack Query over @rota/client). Writes send the app's
// language as Accept-Language so that field messages come back in the language on screen.
import { allPages, idempotent, type paths, type Schemas, unwrap } from '@rota/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useRota } from '../../api/rota-context.tsx';

export type EventKind = Schemas['Event']['kind'];
export type EventStatus = Schemas['Event']['status'];
/** A template as GET /v1/templates answers it (kind → duration and slots). */
export type Template =
  paths['/v1/templates']['get']['responses'][200]['content']['application/json']['items'][number];
/** A slot as the organizer writes it (the POST /v1/events body's, from the OpenAPI document). */
export type SlotInput = NonNullable<
  paths['/v1/events']['post']['requestBody']['content']['application/json']['slots']
>[number];

export interface EventFilters {
  unitId: string | undefined;
  kind: EventKind | undefined;
  status: EventStatus | undefined;
  /** `YYYY-MM-DD` (the office's days): events with an occurrence in [from, to]. */
  from: string | undefined;
  to: string | undefined;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every item of a paged list. */
async function collect<T>(pages: AsyncGenerator<T, void, undefined>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of pages) items.push(item);
  return items;
}

/** The list's window: the dates chosen (whole days), else from now for 31 days (the API's). */
export function windowOf(filters: Pick<EventFilters, 'from' | 'to'>): {
  from?: string;
  to?: string;
} {
  const from = filters.from ? new Date(`${filters.from}T00:00:00`) : undefined;
  const to = filters.to ? new Date(Date.parse(`${filters.to}T00:00:00`) + DAY_MS) : undefined;
  return {
    ...(from ? { from: from.toISOString() } : {}),
    ...(to ? { to: to.toISOString() } : {}),
  };
}

export function useLanguageHeader(): { 'accept-language': string } {
  const { i18n } = useTranslation();
  return { 'accept-language': i18n.language === 'en' ? 'en' : 'zh-CN' };
}

/** Events with an occurrence in the window, drafts included for my subtree's units. */
export function useEvents(filters: EventFilters) {
  const rota = useRota();
  return useQuery({
    queryKey: ['org', 'events', filters],
    queryFn: () =>
      collect(
        allPages((cursor) =>
          unwrap(
            rota.GET('/v1/events', {
              params: {
                query: {
                  limit: 200,
                  ...windowOf(filters),
                  ...(filters.unitId ? { unitId: filters.unitId } : {}),
                  ...(filters.kind ? { kind: filters.kind } : {}),
                  ...(filters.status ? { status: filters.status } : {}),
                  ...(cursor ? { cursor } : {}),
                },
              },
            }),
          ),
        ),
      ),
  });
}

/** The units an organizer plans for: their unit and everything under it (admin: all). */
export function useMyUnits(me: Schemas['Me']) {
  const rota = useRota();
  return useQuery({
    queryKey: ['org', 'units'],
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const units = await collect(
        allPages((cursor) =>
          unwrap(
            rota.GET('/v1/units', {
              params: { query: { limit: 500, ...(cursor ? { cursor } : {}) } },
            }),
          ),
        ),
      );
      if (me.role === 'admin' || !me.unitId) return units;
      const mine = new Set([me.unitId]);
      // Parents come before children in no particular order: repeat until nothing is added.
      for (let added = true; added; ) {
        added = false;
        for (const unit of units) {
          if (unit.parentId && mine.has(unit.parentId) && !mine.has(unit.id)) {
            mine.add(unit.id);
            added = true;
          }
        }
      }
      return units.filter((unit) => mine.has(unit.id));
    },
  });
}

export function useTemplates() {
  const rota = useRota();
  return useQuery({
    queryKey: ['org', 'templates'],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => (await unwrap(rota.GET('/v1/templates'))).items,
  });
}

export function useEvent(id: string) {
  const rota = useRota();
  return useQuery({
    queryKey: ['org', 'event', id],
    queryFn: () => unwrap(rota.GET('/v1/events/{id}', { params: { path: { id } } })),
  });
}

/** The event's occurrences from a day ago for about half a year, with their shifts. */
export function useOccurrences(id: string) {
  const rota = useRota();
  return useQuery({
    queryKey: ['org', 'occurrences', id],
    queryFn: () => {
      const from = new Date(Date.now() - DAY_MS).toISOString();
      const to = new Date(Date.now() + 180 * DAY_MS).toISOString();
      return collect(
        allPages((cursor) =>
          unwrap(
            rota.GET('/v1/events/{id}/occurrences', {
              params: {
                path: { id },
                query: { from, to, limit: 200, ...(cursor ? { cursor } : {}) },
              },
            }),
          ),
        ),
      );
    },
  });
}

/** Refreshes everything the Events pages show after a write. */
export function useRefreshEvents() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['org'] });
}

/** Creates an event (a draft, or published at once). */
export function useCreateEvent() {
  const rota = useRota();
  const language = useLanguageHeader();
  const refresh = useRefreshEvents();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      unwrap(
        rota.POST('/v1/events', {
          params: { header: idempotent() },
          headers: language,
          body: body as never,
        }),
      ),
    onSuccess: refresh,
  });
}

export function usePublishEvent() {
  const rota = useRota();
  const refresh = useRefreshEvents();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(rota.POST('/v1/events/{id}/publish', { params: { path: { id } } })),
    onSuccess: refresh,
  });
}

export function useCancelEvent() {
  const rota = useRota();
  const refresh = useRefreshEvents();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(
        rota.POST('/v1/events/{id}/cancel', {
          params: { path: { id } },
          body: reason.trim() ? { reason: reason.trim() } : {},
        }),
      ),
    onSuccess: refresh,
  });
}

/** Cancels one occurrence with a reason, or moves it to a new local start. */
export function useChangeOccurrence() {
  const rota = useRota();
  const language = useLanguageHeader();
  const refresh = useRefreshEvents();
  return useMutation({
    mutationFn: ({
      id,
      change,
    }: {
      id: string;
      change: { status: 'cancelled'; reason?: string } | { start: string };
    }) =>
      unwrap(
        rota.PATCH('/v1/occurrences/{id}', {
          params: { path: { id } },
          headers: language,
          body: change,
        }),
      ),
    onSuccess: refresh,
  });
}

/**
 * What an edit would do, from the API's dry run (`PATCH /v1/events/:id?dryRun=true`): counts
 * read from numbers or lists alike, so that a richer answer still reads.
 */
export interface EditEffects {
  shiftsAdded: number;
  shiftsRemoved: number;
  shiftsChanged: number;
  signupsCancelled: number;
  waitlistPromoted: number;
  occurrencesAdded: number;
  occurrencesCancelled: number;
  occurrencesMoved: number;
}

const countOf = (value: unknown): number =>
  Array.isArray(value) ? value.length : typeof value === 'number' ? value : 0;

/** Reads the dry run's answer (`{ dryRun: true, effects: {...} }`). */
export function editEffectsOf(answer: unknown): EditEffects {
  const effects = ((answer as { effects?: unknown } | null)?.effects ?? {}) as Record<
    string,
    unknown
  >;
  return {
    shiftsAdded: countOf(effects.shiftsAdded),
    shiftsRemoved: countOf(effects.shiftsRemoved),
    shiftsChanged: countOf(effects.shiftsChanged),
    signupsCancelled: countOf(effects.signupsCancelled),
    waitlistPromoted: countOf(effects.waitlistPromoted),
    occurrencesAdded: countOf(effects.occurrencesAdded),
    occurrencesCancelled: countOf(effects.occurrencesCancelled),
    occurrencesMoved: countOf(effects.occurrencesMoved),
  };
}

/**
 * Changes an event: `dryRun` asks the API what the change would do and writes nothing; the
 * real change is sent with `If-Match` so that an edit over someone else's is refused (412).
 */
export function usePatchEvent() {
  const rota = useRota();
  const language = useLanguageHeader();
  const refresh = useRefreshEvents();
  return useMutation({
    mutationFn: async ({
      id,
      version,
      patch,
      dryRun,
    }: {
      id: string;
      version: number;
      patch: Record<string, unknown>;
      dryRun: boolean;
    }): Promise<unknown> =>
      unwrap(
        rota.PATCH('/v1/events/{id}', {
          params: {
            path: { id },
            ...(dryRun ? { query: { dryRun: 'true' as const } } : {}),
          },
          headers: { ...language, 'if-match': `"${version}"` },
          body: patch as never,
        }),
      ),
    onSuccess: (_answer, variables) => {
      if (!variables.dryRun) void refresh();
    },
  });
}

/**
 * The tags used in a unit's subtree (people's and slots'), most used first: offered in the
 * slot editor so that `medical` is chosen, not typed as 医生. Empty while loading or refused.
 */
export function useTags(unitId: string | undefined) {
  const rota = useRota();
  return useQuery({
    queryKey: ['org', 'tags', unitId],
    enabled: unitId !== undefined && unitId !== '',
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const answer = await unwrap(
        rota.GET('/v1/tags', { params: { query: unitId ? { unitId } : {} } }),
      );
      return answer.items.map((item) => item.tag);
    },
  });
}
