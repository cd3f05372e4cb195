/** The languages Rota speaks to people: English and Simplified Chinese. */
export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];

/**
 * The locale for an `Accept-Language` header (RFC 9110 quality values), or `fallback` when it
 * names neither English nor Chinese. Any `zh` tag (`zh`, `zh-CN`, `zh-Hans`, `zh-TW`) reads as
 * Simplified Chinese: it is the only Chinese Rota has.
 *
 * @example
 * pickLocale('zh-CN,zh;q=0.9,en;q=0.8') // 'zh-CN'
 * pickLocale('en-US,en;q=0.9') // 'en'
 * pickLocale(undefined, 'zh-CN') // 'zh-CN'
 */
export function pickLocale(header: string | undefined, fallback: Locale = 'en'): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return fallback;
}
