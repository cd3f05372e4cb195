import type { Locale } from '@rota/core';
import { z } from 'zod';

type ErrorMap = (issue: never) => string | { message: string } | undefined | null;
const english = z.locales.en().localeError as unknown as ErrorMap;
const chinese = z.locales.zhCN().localeError as unknown as ErrorMap;

const text = (value: ReturnType<ErrorMap>): string | undefined =>
  typeof value === 'string' ? value : (value?.message ?? undefined);

/**
 * A zod issue's message in `locale`. zod writes its own messages in English (the process-wide
 * locale); the language is per request, so a message that is zod's English default is
 * re-rendered with zod's zh-CN locale. A message a schema set itself is left as is (the
 * problem plugin translates those through core's table).
 *
 * @example
 * zodMessage({ code: 'too_small', origin: 'number', minimum: 1, inclusive: true,
 *   message: 'Too small: expected number to be >=1' }, 'zh-CN') // '数值过小：期望 >=1'
 */
export function zodMessage(
  issue: { code: string; message?: string | undefined; [key: string]: unknown },
  locale: Locale,
): string {
  const message = issue.message ?? 'invalid';
  if (locale === 'en') return message;
  try {
    const raw = { ...issue, input: issue.input } as never;
    if (text(english(raw)) !== message) return message;
    return text(chinese(raw)) ?? message;
  } catch {
    return message;
  }
}
