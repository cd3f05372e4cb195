import type { UnitsMessages } from './units.zh-CN.ts';

export const unitsEn: UnitsMessages = {
  title: 'Units',
};
