import type { Event, EventDraft, EventInput, EventPatch } from './event.ts';

/**
 * Turns a validated POST body into a complete event: merges the template, fills defaults,
 * checks what a schema alone cannot (RRULE parses, slots inside the occurrence, unique slot
 * keys, minAge <= maxAge). Throws RotaError `validation_failed` with the field paths.
 * TODO(core helper): implement.
 */
export function buildEventDraft(_input: EventInput): EventDraft {
  throw new Error('not implemented');
}

/** Applies a validated PATCH to an event, with the same checks as {@link buildEventDraft}. */
export function applyEventPatch(_event: Event, _patch: EventPatch): EventDraft {
  throw new Error('not implemented');
}
