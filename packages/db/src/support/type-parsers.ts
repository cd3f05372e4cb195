import { timestamptzToIso } from './instants.ts';

const INT8 = 20;
const DATE = 1082;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;

/**
 * The same JS types from both drivers: int8 (counts, sequences) as numbers, dates as
 * `YYYY-MM-DD`, timestamptz as ISO UTC strings (formatted in the event's zone by the stores).
 */
export const typeParsers: Record<number, (value: string) => unknown> = {
  [INT8]: (value) => Number(value),
  [DATE]: (value) => value,
  [TIMESTAMP]: (value) => value,
  [TIMESTAMPTZ]: timestamptzToIso,
};
