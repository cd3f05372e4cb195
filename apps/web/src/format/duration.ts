import type { TFunction } from 'i18next';

/** "2 小时 30 分钟" / "2 h 30 min" from minutes. */
export function formatMinutes(minutes: number, t: TFunction): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h > 0 && m > 0) return t('duration.hoursMinutes', { h, m });
  if (h > 0) return t('duration.hours', { h });
  return t('duration.minutes', { m });
}
