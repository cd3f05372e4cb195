import { RotaProblem } from '@rota/client';
import type { TFunction } from 'i18next';

/** The catalog codes the app has a friendly message for (every code of docs/errors.md). */
export function problemKey(code: string): string {
  return `errors.${code}`;
}

/**
 * A sentence a person can act on, in the current language, for any failure: a refusal's
 * code (and, for `ineligible`, its reason with the shift's age limits), or a network failure.
 */
export function problemText(
  error: unknown,
  t: TFunction,
  rule: { min?: number | null; max?: number | null } = {},
): string {
  if (error instanceof RotaProblem) {
    const reason = (error.problem as { reason?: unknown }).reason;
    if (error.code === 'ineligible' && typeof reason === 'string') {
      const key = `ineligible.${reason}`;
      const text = t(key, { min: rule.min ?? '', max: rule.max ?? '' });
      if (text !== key) return text;
    }
    const key = problemKey(error.code);
    const text = t(key);
    return text === key ? t('errors.generic') : text;
  }
  if (error instanceof TypeError) return t('errors.network');
  return t('errors.generic');
}

/** The refusal's field errors, by dotted path (`companions.0.birthDate`). */
export function fieldErrors(error: unknown): { path: string; message: string }[] {
  if (!(error instanceof RotaProblem)) return [];
  return error.problem.errors ?? [];
}
