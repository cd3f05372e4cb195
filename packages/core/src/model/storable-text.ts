// The storable-text rule, once: PostgreSQL text holds neither U+0000 nor a lone UTF-16
// surrogate (`"\ud83d"` is valid JSON and a valid JS string). Every free-text field of the
// schemas is built on `storableText`, so a caller that validates gets `validation_failed` on
// the field; the stores check what they are handed with `assertStorableText`, so a library user
// who skips the schemas gets the same error, never a driver error.
import * as z from 'zod';
import { type FieldError, RotaError } from '../errors/rota-error.ts';

/** A surrogate without its other half (U+0000 is checked apart: no control character in a regex). */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The field message of the rule (core's zh-CN message table translates it). */
export const STORABLE_TEXT_MESSAGE = 'must be storable text';

/**
 * True when PostgreSQL can store the string as text: no U+0000, no lone UTF-16 surrogate.
 *
 * @example
 * isStorableText('王芳'); // true
 * isStorableText('a\u0000b'); // false
 */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !loneSurrogate.test(value);
}

/**
 * A string PostgreSQL can store: the base of every free-text field (names, titles, notes,
 * descriptions, places, tags, ids). Chain the field's own rules after it.
 *
 * @example
 * const titleSchema = storableText.trim().min(1).max(200);
 */
export const storableText = z.string().refine(isStorableText, STORABLE_TEXT_MESSAGE);

/**
 * Every string inside `value` (objects and arrays walked) that cannot be stored, as field
 * errors with dotted paths (`slots.1.name`); `path` prefixes them.
 *
 * @example
 * unstorableText({ title: 'a\u0000' }); // [{ path: 'title', message: 'must be storable text' }]
 */
export function unstorableText(value: unknown, path: readonly string[] = []): FieldError[] {
  if (typeof value === 'string') {
    return isStorableText(value)
      ? []
      : [{ path: path.length > 0 ? path.join('.') : 'value', message: STORABLE_TEXT_MESSAGE }];
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => unstorableText(item, [...path, key]));
}

/**
 * Throws `validation_failed` naming every string of `value` that cannot be stored: the stores
 * call it on what a command is handed, before any SQL.
 *
 * @example
 * assertStorableText({ name: unit.name, kind: unit.kind }); // throws on 'a\u0000'
 */
export function assertStorableText(value: unknown, path: readonly string[] = []): void {
  const errors = unstorableText(value, path);
  if (errors.length > 0) {
    throw new RotaError('validation_failed', `${errors[0]!.path}: ${STORABLE_TEXT_MESSAGE}`, {
      errors,
    });
  }
}
