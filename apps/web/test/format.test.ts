import { describe, expect, it } from 'vitest';
import { whyNotEligible } from '../src/eligibility/why-not-eligible.ts';
import { shiftDate, shiftWhen, wallTime } from '../src/format/shift-time.ts';

describe('shift times are the wall clock of the event, whatever the zone of the phone', () => {
  it('formats in both languages from the offset in the instant', () => {
    expect(shiftWhen('2026-12-03T15:00:00+08:00', '2026-12-03T16:30:00+08:00', 'en')).toBe(
      'Thu 3 Dec, 15:00–16:30',
    );
    expect(shiftWhen('2026-12-03T15:00:00+08:00', '2026-12-03T16:30:00+08:00', 'zh-CN')).toBe(
      '12/3周四 15:00–16:30',
    );
    // 23:30 in Shanghai is still 3 December there, although it is 15:30 UTC.
    expect(shiftDate('2026-12-03T23:30:00+08:00')).toBe('2026-12-03');
  });

  it('reads a check-in time (milliseconds, the event offset) as the event wall clock', () => {
    expect(wallTime('2026-12-03T23:35:41.120+08:00')).toBe('23:35');
    expect(wallTime('2026-11-01T01:30:00-04:00')).toBe('01:30');
  });
});

describe('why not eligible: the rule of the server, on the local date of the shift', () => {
  const seat = { minAge: 60, maxAge: null, requiredTags: [], maxPartySize: 1 };
  it('says too young, with the age', () => {
    expect(
      whyNotEligible(
        { ...seat, start: '2026-12-03T15:00:00+08:00' },
        { birthDate: '1989-04-12', tags: [] },
      ),
    ).toMatchObject({ reason: 'too_young', min: 60 });
  });
  it('is eligible on the 60th birthday, in the event zone', () => {
    expect(
      whyNotEligible(
        { ...seat, start: '2026-12-03T00:30:00+08:00' },
        { birthDate: '1966-12-03', tags: [] },
      ),
    ).toBeUndefined();
  });
  it('names the missing qualification', () => {
    expect(
      whyNotEligible(
        {
          minAge: null,
          maxAge: null,
          requiredTags: ['medical'],
          maxPartySize: 1,
          start: '2026-12-03T15:00:00+08:00',
        },
        { birthDate: null, tags: ['party-member'] },
      ),
    ).toMatchObject({ reason: 'missing_tag', tags: ['medical'] });
  });
});
