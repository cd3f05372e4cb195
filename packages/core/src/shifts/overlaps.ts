/** True when two half-open intervals `[start, end)` of RFC 3339 instants overlap. */
export function overlaps(
  _a: { start: string; end: string },
  _b: { start: string; end: string },
): boolean {
  throw new Error('not implemented');
}
