// The signup decisions as a specification: eligibility, the signup window, decideSignup,
// waitlist promotion and unit permissions, table-driven, plus properties over random sequences
// of signups, cancellations and capacity raises on an in-memory shift.
import fc from 'fast-check';
import t from 'tap';
import {
  ageOn,
  canActInUnit,
  cancelReasonFor,
  checkEligibility,
  decideSignup,
  decisionToError,
  defaultSeats,
  type EligibilityRule,
  feedWindow,
  hoursWindow,
  isWalkIn,
  promoteWaitlist,
  type SignupContext,
  signupWindowState,
} from '../src/index.ts';

const openRule: EligibilityRule = {
  minAge: null,
  maxAge: null,
  companionMinAge: null,
  companionMaxAge: null,
  requiredTags: [],
  maxPartySize: 1,
};

t.test('ageOn', async (t) => {
  const cases: [birth: string, on: string, age: number][] = [
    ['1966-12-05', '2026-12-05', 60],
    ['1966-12-06', '2026-12-05', 59],
    ['1966-12-04', '2026-12-05', 60],
    ['2000-01-01', '2000-01-01', 0],
    ['1999-12-31', '2000-01-01', 0],
    // A 29 February birthday counts on 1 March in common years, on 29 February in leap years.
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
    ['2008-02-29', '2028-02-28', 19],
    ['2008-02-29', '2028-02-29', 20],
    ['2008-03-01', '2028-02-29', 19],
    ['2007-02-28', '2008-02-29', 1],
  ];
  for (const [birth, on, age] of cases) t.equal(ageOn(birth, on), age, `${birth} on ${on}`);

  // Property: the age steps up by exactly one across each birthday, leap-day births included.
  const day = fc.date({
    min: new Date('1920-01-01Z'),
    max: new Date('2100-12-31Z'),
    noInvalidDate: true,
  });
  fc.assert(
    fc.property(day, day, (a, b) => {
      const [birth, on] = a <= b ? [a, b] : [b, a];
      const birthDate = birth.toISOString().slice(0, 10);
      const onDate = on.toISOString().slice(0, 10);
      const age = ageOn(birthDate, onDate);
      const yearsApart = on.getUTCFullYear() - birth.getUTCFullYear();
      return age >= 0 && (age === yearsApart || age === yearsApart - 1);
    }),
  );
  fc.assert(
    fc.property(fc.integer({ min: 1900, max: 2080 }), fc.integer({ min: 1, max: 120 }), (y, n) => {
      // Whatever the years, a leap-day baby is n on 1 March of year y + n and n - 1 the day before.
      const leapYear = y - (y % 4) + (y % 100 === 0 && y % 400 !== 0 ? 4 : 0);
      const birth = `${leapYear}-02-29`;
      const target = leapYear + n;
      const feb28 = `${target}-02-28`;
      const mar1 = `${target}-03-01`;
      return ageOn(birth, feb28) === n - 1 && ageOn(birth, mar1) === n;
    }),
  );
});

t.test('checkEligibility', async (t) => {
  const on = '2026-12-05';
  const adult = { birthDate: '1980-06-01', tags: ['medical'] };
  const cases: {
    name: string;
    rule: Partial<EligibilityRule>;
    person?: { birthDate: string | null; tags: string[] };
    seats?: number;
    companions?: { name: string; birthDate?: string }[];
    reason: string | null;
  }[] = [
    { name: 'no limits', rule: {}, reason: null },
    { name: 'party too large', rule: { maxPartySize: 1 }, seats: 2, reason: 'party_too_large' },
    { name: 'party fits exactly', rule: { maxPartySize: 5 }, seats: 5, reason: null },
    { name: 'has the tag', rule: { requiredTags: ['medical'] }, reason: null },
    {
      name: 'missing one of two tags',
      rule: { requiredTags: ['medical', 'party-member'] },
      reason: 'missing_tag',
    },
    { name: 'old enough', rule: { minAge: 18 }, reason: null },
    { name: 'too young', rule: { minAge: 60 }, reason: 'too_young' },
    {
      name: 'exactly 60 on the day',
      rule: { minAge: 60 },
      person: { birthDate: '1966-12-05', tags: [] },
      reason: null,
    },
    {
      name: 'turns 60 the next day',
      rule: { minAge: 60 },
      person: { birthDate: '1966-12-06', tags: [] },
      reason: 'too_young',
    },
    { name: 'too old', rule: { maxAge: 40 }, reason: 'too_old' },
    {
      name: 'no birth date with minAge',
      rule: { minAge: 18 },
      person: { birthDate: null, tags: [] },
      reason: 'birth_date_required',
    },
    {
      name: 'no birth date with maxAge',
      rule: { maxAge: 18 },
      person: { birthDate: null, tags: [] },
      reason: 'birth_date_required',
    },
    {
      name: 'no birth date, no age limit',
      rule: {},
      person: { birthDate: null, tags: [] },
      reason: null,
    },
    {
      name: 'children within the companion range',
      rule: { maxPartySize: 5, companionMaxAge: 14 },
      seats: 3,
      companions: [
        { name: '小明', birthDate: '2018-03-01' },
        { name: '小红', birthDate: '2020-07-15' },
      ],
      reason: null,
    },
    {
      name: 'a companion too old',
      rule: { maxPartySize: 5, companionMaxAge: 14 },
      seats: 3,
      companions: [
        { name: '小明', birthDate: '2018-03-01' },
        { name: '大明', birthDate: '2010-01-01' },
      ],
      reason: 'companion_too_old',
    },
    {
      name: 'a companion too young',
      rule: { maxPartySize: 3, companionMinAge: 3 },
      seats: 2,
      companions: [{ name: '宝宝', birthDate: '2025-01-01' }],
      reason: 'companion_too_young',
    },
    {
      name: 'a companion without a birth date when the range is set',
      rule: { maxPartySize: 3, companionMaxAge: 14 },
      seats: 2,
      companions: [{ name: '小明' }],
      reason: 'birth_date_required',
    },
    {
      name: 'a companion without a birth date and no range',
      rule: { maxPartySize: 3 },
      seats: 2,
      companions: [{ name: '小明' }],
      reason: null,
    },
    {
      name: 'party size is checked before tags',
      rule: { maxPartySize: 1, requiredTags: ['law-enforcement'] },
      seats: 2,
      reason: 'party_too_large',
    },
  ];
  for (const c of cases) {
    const result = checkEligibility(
      { ...openRule, ...c.rule },
      c.person ?? adult,
      { seats: c.seats ?? 1 + (c.companions?.length ?? 0), companions: c.companions ?? [] },
      on,
    );
    if (c.reason === null) t.same(result, { ok: true }, c.name);
    else {
      t.equal(result.ok, false, c.name);
      if (!result.ok) {
        t.equal(result.reason, c.reason, `${c.name}: reason`);
        t.ok(result.detail.length > 0, `${c.name}: detail`);
      }
    }
  }
  const named = checkEligibility(
    { ...openRule, maxPartySize: 3, companionMaxAge: 14 },
    adult,
    { seats: 2, companions: [{ name: '大明', birthDate: '2000-01-01' }] },
    on,
  );
  t.match(named, { ok: false, detail: /大明/ }, 'the detail names the companion');
});

t.test('signupWindowState', async (t) => {
  const start = '2026-12-05T08:00:00+08:00';
  const published = '2026-11-01T00:00:00Z';
  const cases: [
    name: string,
    window: { opensBeforeMinutes: number | null; closesBeforeMinutes: number },
    publishedAt: string | null,
    now: string,
    state: string,
  ][] = [
    [
      'default, after publication',
      { opensBeforeMinutes: null, closesBeforeMinutes: 0 },
      published,
      '2026-11-20T00:00:00Z',
      'open',
    ],
    [
      'default, at publication',
      { opensBeforeMinutes: null, closesBeforeMinutes: 0 },
      published,
      published,
      'open',
    ],
    [
      'default, before publication',
      { opensBeforeMinutes: null, closesBeforeMinutes: 0 },
      published,
      '2026-10-31T23:59:59Z',
      'not_yet_open',
    ],
    [
      'default, one second before the start',
      { opensBeforeMinutes: null, closesBeforeMinutes: 0 },
      published,
      '2026-12-05T07:59:59+08:00',
      'open',
    ],
    [
      'default, at the start',
      { opensBeforeMinutes: null, closesBeforeMinutes: 0 },
      published,
      start,
      'closed',
    ],
    [
      'closes 60 minutes before, 59 before',
      { opensBeforeMinutes: null, closesBeforeMinutes: 60 },
      published,
      '2026-12-05T07:01:00+08:00',
      'closed',
    ],
    [
      'closes 60 minutes before, 61 before',
      { opensBeforeMinutes: null, closesBeforeMinutes: 60 },
      published,
      '2026-12-05T06:59:00+08:00',
      'open',
    ],
    [
      'opens 14 days before, 15 days before',
      { opensBeforeMinutes: 20160, closesBeforeMinutes: 0 },
      published,
      '2026-11-20T08:00:00+08:00',
      'not_yet_open',
    ],
    [
      'opens 14 days before, exactly then',
      { opensBeforeMinutes: 20160, closesBeforeMinutes: 0 },
      published,
      '2026-11-21T08:00:00+08:00',
      'open',
    ],
    [
      'opens 60 days before, but published later',
      { opensBeforeMinutes: 86400, closesBeforeMinutes: 0 },
      published,
      '2026-10-20T00:00:00Z',
      'not_yet_open',
    ],
    [
      'never published',
      { opensBeforeMinutes: null, closesBeforeMinutes: 0 },
      null,
      '2026-11-20T00:00:00Z',
      'not_yet_open',
    ],
    [
      'never published, after the start',
      { opensBeforeMinutes: null, closesBeforeMinutes: 0 },
      null,
      '2026-12-06T00:00:00Z',
      'closed',
    ],
    // The same instant written in another offset is the same instant.
    [
      'offsets do not matter',
      { opensBeforeMinutes: null, closesBeforeMinutes: 0 },
      published,
      '2026-12-05T00:00:00Z',
      'closed',
    ],
  ];
  for (const [name, window, publishedAt, now, state] of cases) {
    t.equal(signupWindowState(window, start, publishedAt, now), state, name);
  }
});

function context(overrides: {
  shift?: Partial<SignupContext['shift']>;
  rest?: Partial<Omit<SignupContext, 'shift'>>;
}): SignupContext {
  return {
    shift: {
      ...openRule,
      status: 'open',
      role: 'volunteer',
      start: '2026-12-05T08:00:00+08:00',
      end: '2026-12-05T12:00:00+08:00',
      localDate: '2026-12-05',
      capacity: 4,
      seatsTaken: 0,
      waitlist: true,
      waitlistCount: 0,
      ...overrides.shift,
    },
    signupWindow: { opensBeforeMinutes: null, closesBeforeMinutes: 0 },
    publishedAt: '2026-11-01T00:00:00Z',
    person: { birthDate: '1980-06-01', tags: [] },
    seats: 1,
    companions: [],
    alreadySignedUp: false,
    confirmedVolunteerShifts: [],
    now: '2026-11-20T00:00:00Z',
    ...overrides.rest,
  };
}

t.test('decideSignup', async (t) => {
  const cases: [name: string, ctx: SignupContext, expected: object][] = [
    ['room left', context({}), { kind: 'confirmed' }],
    ['takes the last seat', context({ shift: { seatsTaken: 3 } }), { kind: 'confirmed' }],
    [
      'full: waitlisted after those waiting',
      context({ shift: { seatsTaken: 4, waitlistCount: 2 } }),
      { kind: 'waitlisted', position: 3 },
    ],
    [
      'party does not fit: waitlisted',
      context({ shift: { seatsTaken: 2, maxPartySize: 5 }, rest: { seats: 3 } }),
      { kind: 'waitlisted', position: 1 },
    ],
    [
      'full, no waitlist',
      context({ shift: { seatsTaken: 4, waitlist: false } }),
      { kind: 'rejected', code: 'shift_full' },
    ],
    [
      'cancelled shift',
      context({ shift: { status: 'cancelled' } }),
      { kind: 'rejected', code: 'shift_cancelled' },
    ],
    [
      'shift has started',
      context({ rest: { now: '2026-12-05T08:30:00+08:00' } }),
      { kind: 'rejected', code: 'signup_closed' },
    ],
    [
      'walk-in: an organizer once the shift has started',
      context({ rest: { now: '2026-12-05T08:30:00+08:00', byOrganizer: true } }),
      { kind: 'confirmed' },
    ],
    [
      'walk-in: an organizer after the shift ended',
      context({ rest: { now: '2026-12-06T20:00:00+08:00', byOrganizer: true } }),
      { kind: 'confirmed' },
    ],
    [
      'walk-in: still no seat on a cancelled shift',
      context({
        shift: { status: 'cancelled' },
        rest: { now: '2026-12-05T08:30:00+08:00', byOrganizer: true },
      }),
      { kind: 'rejected', code: 'shift_cancelled' },
    ],
    [
      'walk-in: still waitlisted on a full shift',
      context({
        shift: { seatsTaken: 4 },
        rest: { now: '2026-12-05T08:30:00+08:00', byOrganizer: true },
      }),
      { kind: 'waitlisted', position: 1 },
    ],
    [
      'an organizer before the window opens: still closed (not a walk-in)',
      context({ rest: { publishedAt: null, byOrganizer: true } }),
      { kind: 'rejected', code: 'signup_closed' },
    ],
    [
      'not yet open',
      context({ rest: { publishedAt: null } }),
      { kind: 'rejected', code: 'signup_closed' },
    ],
    [
      'already signed up',
      context({ rest: { alreadySignedUp: true } }),
      { kind: 'rejected', code: 'already_signed_up' },
    ],
    [
      'ineligible with a reason',
      context({ shift: { requiredTags: ['medical'] } }),
      { kind: 'rejected', code: 'ineligible', reason: 'missing_tag' },
    ],
    [
      'party larger than the slot allows',
      context({ rest: { seats: 2 } }),
      { kind: 'rejected', code: 'ineligible', reason: 'party_too_large' },
    ],
    [
      'age limit without a birth date',
      context({ shift: { minAge: 18 }, rest: { person: { birthDate: null, tags: [] } } }),
      { kind: 'rejected', code: 'ineligible', reason: 'birth_date_required' },
    ],
    [
      'overlapping confirmed volunteer shift',
      context({
        rest: {
          confirmedVolunteerShifts: [
            {
              start: '2026-12-05T11:00:00+08:00',
              end: '2026-12-05T13:00:00+08:00',
              name: '清洁队员',
            },
          ],
        },
      }),
      { kind: 'rejected', code: 'schedule_conflict', detail: /清洁队员/ },
    ],
    [
      'back-to-back shifts do not conflict',
      context({
        rest: {
          confirmedVolunteerShifts: [
            {
              start: '2026-12-05T12:00:00+08:00',
              end: '2026-12-05T13:00:00+08:00',
              name: '清洁队员',
            },
          ],
        },
      }),
      { kind: 'confirmed' },
    ],
    [
      'attendee seats may overlap',
      context({
        shift: { role: 'attendee' },
        rest: {
          confirmedVolunteerShifts: [
            {
              start: '2026-12-05T09:00:00+08:00',
              end: '2026-12-05T10:00:00+08:00',
              name: '清洁队员',
            },
          ],
        },
      }),
      { kind: 'confirmed' },
    ],
    // The order of checks: the first failing one answers.
    [
      'cancelled beats closed',
      context({ shift: { status: 'cancelled' }, rest: { now: '2027-01-01T00:00:00Z' } }),
      { kind: 'rejected', code: 'shift_cancelled' },
    ],
    [
      'closed beats already signed up',
      context({ rest: { alreadySignedUp: true, now: '2027-01-01T00:00:00Z' } }),
      { kind: 'rejected', code: 'signup_closed' },
    ],
    [
      'already signed up beats ineligible',
      context({ shift: { requiredTags: ['medical'] }, rest: { alreadySignedUp: true } }),
      { kind: 'rejected', code: 'already_signed_up' },
    ],
    [
      'ineligible beats full',
      context({ shift: { requiredTags: ['medical'], seatsTaken: 4, waitlist: false } }),
      { kind: 'rejected', code: 'ineligible' },
    ],
  ];
  for (const [name, ctx, expected] of cases) t.match(decideSignup(ctx), expected, name);
  const rejected = decideSignup(context({ shift: { seatsTaken: 4, waitlist: false } }));
  t.ok(rejected.kind === 'rejected' && rejected.detail.length > 0, 'a refusal says why');
});

t.test('isWalkIn: by an organizer, at or after the start', async (t) => {
  const shift = { start: '2026-12-05T08:00:00+08:00' };
  t.equal(isWalkIn({ byOrganizer: true, now: '2026-12-05T08:00:00+08:00', shift }), true);
  t.equal(isWalkIn({ byOrganizer: true, now: '2026-12-05T07:59:59+08:00', shift }), false);
  t.equal(isWalkIn({ byOrganizer: false, now: '2026-12-05T09:00:00+08:00', shift }), false);
  t.equal(isWalkIn({ now: '2026-12-05T09:00:00+08:00', shift }), false, 'a volunteer');
});

t.test('promoteWaitlist', async (t) => {
  const w = (...seats: number[]) => seats.map((s, i) => ({ id: `w${i + 1}`, seats: s }));
  const cases: [
    name: string,
    left: number,
    waitlist: { id: string; seats: number }[],
    ids: string[],
  ][] = [
    ['nobody waiting', 3, [], []],
    ['no seat free', 0, w(1, 1), []],
    ['in join order', 2, w(1, 1, 1), ['w1', 'w2']],
    ['skips a party that does not fit', 3, w(4, 2, 1), ['w2', 'w3']],
    ['a later small party fits after a large one', 2, w(3, 1, 3, 1), ['w2', 'w4']],
    ['exact fit stops promotion', 5, w(5, 1), ['w1']],
    ['negative seats left (capacity lowered) promotes none', -1, w(1), []],
  ];
  for (const [name, left, waitlist, ids] of cases)
    t.same(promoteWaitlist(left, waitlist), ids, name);
});

t.test('canActInUnit', async (t) => {
  const path = ['district', 'subdistrict-1', 'community-3', 'grid-7'];
  t.equal(canActInUnit('district', path), true, 'the root acts everywhere below');
  t.equal(canActInUnit('subdistrict-1', path), true, 'a subdistrict manages its communities');
  t.equal(canActInUnit('grid-7', path), true, 'a unit acts in itself');
  t.equal(canActInUnit('community-4', path), false, 'a sibling community may not');
  t.equal(
    canActInUnit('grid-8', ['district', 'subdistrict-1', 'community-3']),
    false,
    'a child may not act on its parent',
  );
  t.equal(canActInUnit('x', []), false, 'an empty path belongs to nobody');
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 8 }),
      fc.string(),
      (ids, other) => {
        // Every ancestor on the path may act; an id not on it may not.
        return (
          ids.every((id) => canActInUnit(id, ids)) &&
          (ids.includes(other) || !canActInUnit(other, ids))
        );
      },
    ),
  );
});

// The in-memory shift: signups in join order, driven only through decideSignup and
// promoteWaitlist, the way the store drives them through the database.
interface MemSignup {
  id: string;
  seats: number;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
}
type Op =
  | { op: 'signup'; seats: number }
  | { op: 'cancel'; pick: number }
  | { op: 'raise'; by: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('signup' as const), seats: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ op: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('raise' as const), by: fc.integer({ min: 1, max: 4 }) }),
);

t.test('properties over signups, cancellations and capacity raises', async (t) => {
  let runs = 0;
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 10 }),
      fc.boolean(),
      fc.array(opArb, { maxLength: 60, size: 'max' }),
      (initial, keepsWaitlist, ops) => {
        runs += 1;
        let capacity = initial;
        const signups: MemSignup[] = [];
        const taken = () =>
          signups.filter((s) => s.status === 'confirmed').reduce((n, s) => n + s.seats, 0);
        const waiting = () => signups.filter((s) => s.status === 'waitlisted');
        const promote = () => {
          const before = waiting();
          const left = capacity - taken();
          const ids = promoteWaitlist(left, before);
          // Promotion never skips someone who fits in favour of someone later: walking the
          // waitlist in join order, whoever is passed over did not fit the seats still free.
          let free = left;
          for (const entry of before) {
            if (ids.includes(entry.id)) free -= entry.seats;
            else if (entry.seats <= free) return false;
          }
          // ... and the promoted come out in join order.
          const order = before.map((s) => s.id).filter((id) => ids.includes(id));
          if (order.join() !== ids.join()) return false;
          for (const id of ids) {
            const s = signups.find((x) => x.id === id)!;
            s.status = 'confirmed';
          }
          return true;
        };
        for (const op of ops) {
          if (op.op === 'signup') {
            const decision = decideSignup(
              context({
                shift: {
                  capacity,
                  seatsTaken: taken(),
                  waitlist: keepsWaitlist,
                  waitlistCount: waiting().length,
                  maxPartySize: 5,
                },
                rest: { seats: op.seats },
              }),
            );
            const id = `s${signups.length + 1}`;
            if (decision.kind === 'confirmed')
              signups.push({ id, seats: op.seats, status: 'confirmed' });
            else if (decision.kind === 'waitlisted') {
              if (decision.position !== waiting().length + 1) return false;
              if (taken() + op.seats <= capacity) return false; // waitlisted though it fitted
              signups.push({ id, seats: op.seats, status: 'waitlisted' });
            } else if (decision.code !== 'shift_full' || keepsWaitlist) return false;
          } else {
            if (op.op === 'cancel') {
              const live = signups.filter((s) => s.status !== 'cancelled');
              const victim = live[op.pick % Math.max(1, live.length)];
              if (victim === undefined) continue;
              victim.status = 'cancelled';
            } else capacity += op.by;
            if (!promote()) return false;
          }
          if (taken() > capacity) return false;
          // Positions are join order: the waitlist is a subsequence of the signups.
          const ids = waiting().map((s) => Number(s.id.slice(1)));
          if (ids.some((n, i) => i > 0 && n < ids[i - 1]!)) return false;
        }
        return true;
      },
    ),
    { numRuns: 300 },
  );
  t.equal(runs >= 300, true, 'the property ran 300 random sequences');
});

t.test('decideSignup owns the draft and cancelled-parent rules (issue 12)', async (t) => {
  t.match(decideSignup(context({ rest: { eventStatus: 'draft' } })), {
    kind: 'rejected',
    code: 'signup_closed',
    detail: 'The event is not published',
  });
  t.match(
    decideSignup(context({ shift: { status: 'cancelled' }, rest: { eventStatus: 'draft' } })),
    { code: 'signup_closed' },
    'a draft is checked first',
  );
  t.match(decideSignup(context({ rest: { eventStatus: 'cancelled' } })), {
    code: 'shift_cancelled',
  });
  t.match(decideSignup(context({ rest: { occurrenceStatus: 'cancelled' } })), {
    code: 'shift_cancelled',
  });
  t.match(
    decideSignup(context({ rest: { eventStatus: 'published', occurrenceStatus: 'scheduled' } })),
    { kind: 'confirmed' },
  );
});

t.test('decisionToError: one mapping for both signup paths', async (t) => {
  const full = decisionToError({ kind: 'rejected', code: 'shift_full', detail: '0 of 4 left' });
  t.equal(full.code, 'shift_full');
  t.not(full.message, '0 of 4 left', "shift_full keeps the catalog's message");
  const young = decisionToError({
    kind: 'rejected',
    code: 'ineligible',
    reason: 'too_young',
    detail: 'Under 18',
  });
  t.match(young, { code: 'ineligible', message: 'Under 18', extra: { reason: 'too_young' } });
  const closed = decisionToError({ kind: 'rejected', code: 'signup_closed', detail: 'closed' });
  t.equal(closed.extra, undefined);
});

t.test('small signup rules: seats, cancel reason, windows', async (t) => {
  t.equal(defaultSeats([]), 1);
  t.equal(defaultSeats([{}, {}]), 3);
  const vol = { role: 'volunteer' as const, unitId: null, personId: 'p1' };
  const org = { role: 'organizer' as const, unitId: 'u', personId: null };
  t.equal(cancelReasonFor(vol, 'p1'), 'cancelled_by_person');
  t.equal(cancelReasonFor(vol, 'p2'), 'cancelled_by_organizer');
  t.equal(cancelReasonFor(org, 'p1'), 'cancelled_by_organizer');
  const now = '2026-12-01T00:00:00.000Z';
  t.same(hoursWindow({}, now), { from: '2025-11-30T00:00:00.000Z', to: now });
  t.same(hoursWindow({ to: now }, now), { from: '2026-10-31T00:00:00.000Z', to: now });
  t.same(hoursWindow({ from: '2026-01-01T00:00:00Z' }, now), {
    from: '2026-01-01T00:00:00Z',
    to: undefined,
  });
  t.same(feedWindow(now), { from: '2026-09-02T00:00:00.000Z', to: '2027-12-02T00:00:00.000Z' });
});
