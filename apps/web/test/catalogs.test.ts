import { errorCatalog } from '@rota/core';
import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en.ts';
import { zhCN } from '../src/i18n/zh-CN.ts';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

const ineligibleReasons = [
  'too_young',
  'too_old',
  'missing_tag',
  'party_too_large',
  'birth_date_required',
  'companion_too_young',
  'companion_too_old',
];

describe('message catalogs', () => {
  it('zh-CN and English have the same keys, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    for (const catalog of [zhCN, en]) {
      for (const key of keys(catalog)) {
        const text = key
          .split('.')
          .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], catalog);
        expect(typeof text === 'string' && text.trim().length > 0, key).toBe(true);
      }
    }
  });

  it('every error code of the catalog (docs/errors.md) has a friendly message in both', () => {
    for (const code of Object.keys(errorCatalog)) {
      expect(zhCN.errors, code).toHaveProperty(code);
      expect(en.errors, code).toHaveProperty(code);
    }
  });

  it('every ineligibility reason has a message and a card text in both', () => {
    for (const reason of ineligibleReasons) {
      for (const catalog of [zhCN, en]) {
        expect(catalog.ineligible, reason).toHaveProperty(reason);
        expect(catalog.why, reason).toHaveProperty(reason);
      }
    }
  });
});
