// diffEditEffects: what an event edit did, from the schedule before and after it (the answer of
// PATCH /v1/events/:id?dryRun=true). Each kind of change is counted once, in its own bucket.
import t from 'tap';
import { diffEditEffects, type EditSnapshot } from '../src/index.ts';

const before: EditSnapshot = {
  occurrences: [
    { id: 'o1', start: '2026-12-05T01:00:00Z', status: 'scheduled' },
    { id: 'o2', start: '2026-12-12T01:00:00Z', status: 'scheduled' },
    { id: 'o3', start: '2026-12-19T01:00:00Z', status: 'scheduled' },
    { id: 'o4', start: '2026-12-26T01:00:00Z', status: 'cancelled' },
  ],
  shifts: [
    { id: 's1', status: 'open', shape: 'a' },
    { id: 's2', status: 'open', shape: 'a' },
    { id: 's3', status: 'open', shape: 'a' },
    { id: 's4', status: 'cancelled', shape: 'a' },
  ],
  signups: [
    { id: 'g1', personId: 'p1', shiftId: 's1', status: 'confirmed', cancelReason: null },
    { id: 'g2', personId: 'p2', shiftId: 's1', status: 'waitlisted', cancelReason: null },
    { id: 'g3', personId: 'p3', shiftId: 's3', status: 'confirmed', cancelReason: null },
    { id: 'g4', personId: 'p4', shiftId: 's3', status: 'waitlisted', cancelReason: null },
    { id: 'g5', personId: 'p5', shiftId: 's2', status: 'cancelled', cancelReason: 'x' },
  ],
};

t.test('nothing changed: no effects', async (t) => {
  t.same(diffEditEffects(before, before), {
    shiftsAdded: 0,
    shiftsRemoved: 0,
    shiftsChanged: 0,
    occurrencesAdded: 0,
    occurrencesCancelled: 0,
    occurrencesMoved: 0,
    signupsCancelled: [],
    waitlistPromoted: [],
  });
});

t.test('every kind of change, counted once', async (t) => {
  const after: EditSnapshot = {
    occurrences: [
      { id: 'o1', start: '2026-12-05T01:00:00.000+00:00', status: 'scheduled' },
      { id: 'o2', start: '2026-12-12T02:00:00Z', status: 'scheduled' },
      { id: 'o3', start: '2026-12-19T01:00:00Z', status: 'cancelled' },
      { id: 'o4', start: '2026-12-26T01:00:00Z', status: 'scheduled' },
      { id: 'o5', start: '2027-01-02T01:00:00Z', status: 'scheduled' },
    ],
    shifts: [
      { id: 's1', status: 'open', shape: 'b' },
      { id: 's2', status: 'open', shape: 'a' },
      { id: 's3', status: 'cancelled', shape: 'a' },
      { id: 's4', status: 'open', shape: 'a' },
      { id: 's5', status: 'open', shape: 'a' },
      { id: 's6', status: 'cancelled', shape: 'a' },
    ],
    signups: [
      { id: 'g1', personId: 'p1', shiftId: 's1', status: 'confirmed', cancelReason: null },
      { id: 'g2', personId: 'p2', shiftId: 's1', status: 'confirmed', cancelReason: null },
      {
        id: 'g3',
        personId: 'p3',
        shiftId: 's3',
        status: 'cancelled',
        cancelReason: 'event_changed',
      },
      { id: 'g4', personId: 'p4', shiftId: 's3', status: 'cancelled', cancelReason: null },
      { id: 'g5', personId: 'p5', shiftId: 's2', status: 'cancelled', cancelReason: 'x' },
      { id: 'g6', personId: 'p6', shiftId: 's5', status: 'confirmed', cancelReason: null },
    ],
  };
  t.same(diffEditEffects(before, after), {
    shiftsAdded: 2,
    shiftsRemoved: 1,
    shiftsChanged: 1,
    occurrencesAdded: 2,
    occurrencesCancelled: 1,
    occurrencesMoved: 1,
    signupsCancelled: [
      { signupId: 'g3', personId: 'p3', shiftId: 's3', reason: 'event_changed' },
      { signupId: 'g4', personId: 'p4', shiftId: 's3', reason: 'event_changed' },
    ],
    waitlistPromoted: [{ signupId: 'g2', personId: 'p2', shiftId: 's1' }],
  });
});
