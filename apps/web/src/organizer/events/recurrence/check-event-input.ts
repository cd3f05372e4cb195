import {
  buildEventDraft,
  type EventInput,
  type FieldError,
  isRotaError,
  type Locale,
  localizeMessage,
} from '@rota/core';

/**
 * The field errors the server would answer for this event, found in the browser by the
 * server's own check (core's `buildEventDraft`: RRULE grammar, zone, local times, a rule that
 * does not produce the start, slots inside the occurrence, ages), with the server's message in
 * the chosen language (core's message table). Paths are the request's (`recurrence.rrule`,
 * `start`, `slots.1.maxAge`); empty when the server would accept the content.
 *
 * @example
 * checkEventInput({ ...input, recurrence: { rrule: 'FREQ=FORTNIGHTLY' } }, 'en');
 * // [{ path: 'recurrence.rrule', message: 'unknown FREQ FORTNIGHTLY' }]
 */
export function checkEventInput(input: EventInput, language: Locale): FieldError[] {
  try {
    buildEventDraft(input);
    return [];
  } catch (error) {
    if (!isRotaError(error)) throw error;
    const errors = error.errors ?? [{ path: '', message: error.message }];
    return errors.map((field) => ({
      path: field.path,
      message: localizeMessage(field.message, language),
    }));
  }
}
