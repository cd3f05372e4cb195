// buildEventDraft and applyEventPatch as a specification: template merge, the defaults of
// API.md, and every cross-field check collected into one validation_failed with request paths.
import t from 'tap';
import {
  applyEventPatch,
  buildEventDraft,
  type Event,
  type EventInput,
  errorCatalog,
  eventInputSchema,
  eventKinds,
  invalidField,
  isRotaError,
  isValidLocalDateTime,
  isValidTimeZone,
  RotaError,
  type SlotInput,
  signupInputSchema,
  slotInputSchema,
  templates,
} from '../src/index.ts';

const base: EventInput = {
  unitId: 'community-1',
  kind: 'general',
  title: '擦洗宣传橱窗',
  start: '2026-12-05T09:00',
  durationMinutes: 120,
  slots: [{ key: 'volunteer', name: '志愿者', role: 'volunteer', capacity: 10 }],
};

/** The field paths of a validation_failed refusal; `['<accepted>']` when nothing was refused. */
function pathsOf(build: () => unknown): string[] {
  try {
    build();
  } catch (error) {
    if (isRotaError(error, 'validation_failed') && error.status === 400) {
      return (error.errors ?? []).map((e) => e.path);
    }
    throw error;
  }
  return ['<accepted>'];
}

t.test('templates: one per kind, each valid data that buildEventDraft accepts', async (t) => {
  t.same(Object.keys(templates).sort(), [...eventKinds].sort(), 'a template for every kind');
  for (const kind of eventKinds) {
    const template = templates[kind];
    t.equal(template.kind, kind, `${kind}: names its kind`);
    t.ok(template.slots.length > 0, `${kind}: has slots`);
    for (const slot of template.slots) {
      t.ok(slotInputSchema.safeParse(slot).success, `${kind}.${slot.key}: a valid slot input`);
      t.match(slot.name, /\p{Script=Han}/u, `${kind}.${slot.key}: a Chinese name`);
    }
    const draft = buildEventDraft({
      unitId: 'u1',
      kind,
      template: kind,
      title: template.name,
      start: '2026-12-05T08:00',
    });
    t.equal(draft.durationMinutes, template.durationMinutes, `${kind}: duration from the template`);
    t.same(
      draft.slots.map((s) => s.key),
      template.slots.map((s) => s.key),
      `${kind}: slots from the template`,
    );
    t.same(
      draft.signupWindow,
      { opensBeforeMinutes: null, closesBeforeMinutes: 0 },
      `${kind}: no signup window of its own`,
    );
  }
  const clinic = Object.fromEntries(templates.vaccination_clinic.slots.map((s) => [s.key, s]));
  t.same(Object.keys(clinic), ['registrar', 'vaccinator', 'usher', 'observer', 'appointment']);
  t.same(clinic.vaccinator?.requiredTags, ['medical']);
  t.match(clinic.appointment, {
    role: 'attendee',
    durationMinutes: 30,
    repeatEveryMinutes: 30,
    minAge: 18,
    maxPartySize: 1,
  });
  const cleanup = templates.cleanup_drive.slots[0];
  t.match(cleanup, { role: 'volunteer', capacity: 25, minNeeded: 20 });
  const elderly = Object.fromEntries(templates.elderly_class.slots.map((s) => [s.key, s]));
  t.match(elderly.seat, { role: 'attendee', minAge: 60 });
  t.same(elderly.speaker?.requiredTags, ['medical']);
  t.match(templates.parent_child.slots[0], {
    role: 'attendee',
    maxPartySize: 5,
    companionMaxAge: 14,
  });
  t.equal(templates.home_visit.slots[0]?.capacity, 2);
  t.same(templates.inspection.slots.find((s) => s.key === 'officer')?.requiredTags, [
    'law-enforcement',
  ]);
});

t.test('buildEventDraft fills the defaults of API.md', async (t) => {
  const draft = buildEventDraft(base);
  t.same(draft, {
    unitId: 'community-1',
    kind: 'general',
    template: null,
    title: '擦洗宣传橱窗',
    description: null,
    location: null,
    timeZone: 'Asia/Shanghai',
    start: '2026-12-05T09:00',
    durationMinutes: 120,
    recurrence: null,
    signupWindow: { opensBeforeMinutes: null, closesBeforeMinutes: 0 },
    slots: [
      {
        key: 'volunteer',
        name: '志愿者',
        role: 'volunteer',
        capacity: 10,
        minNeeded: 0,
        offsetMinutes: 0,
        durationMinutes: 120,
        repeatEveryMinutes: null,
        maxPartySize: 1,
        minAge: null,
        maxAge: null,
        companionMinAge: null,
        companionMaxAge: null,
        requiredTags: [],
        waitlist: true,
        onePerPerson: false,
      },
    ],
    resources: [],
    status: 'draft',
  });
  const full = buildEventDraft({
    ...base,
    description: '每月一次',
    location: { name: '王家园社区活动室' },
    timeZone: 'Europe/Berlin',
    recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=1SA' },
    signupWindow: { opensBeforeMinutes: 20160, closesBeforeMinutes: 60 },
    status: 'published',
  });
  t.match(full, {
    description: '每月一次',
    location: { name: '王家园社区活动室' },
    timeZone: 'Europe/Berlin',
    recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=1SA', exdates: [], rdates: [] },
    signupWindow: { opensBeforeMinutes: 20160, closesBeforeMinutes: 60 },
    status: 'published',
  });
});

t.test('buildEventDraft merges the template; given fields override it', async (t) => {
  const fromTemplate = buildEventDraft({
    unitId: 'u1',
    kind: 'vaccination_clinic',
    template: 'vaccination_clinic',
    title: '临时新冠疫苗接种点 · 王家园社区',
    start: '2026-12-05T08:00',
  });
  t.equal(fromTemplate.template, 'vaccination_clinic');
  t.equal(fromTemplate.durationMinutes, 480);
  t.equal(
    fromTemplate.slots.find((s) => s.key === 'registrar')?.durationMinutes,
    480,
    'slot duration defaults to the event',
  );
  t.equal(fromTemplate.slots.find((s) => s.key === 'appointment')?.durationMinutes, 30);

  const shorter = buildEventDraft({
    unitId: 'u1',
    kind: 'vaccination_clinic',
    template: 'vaccination_clinic',
    title: '接种点',
    start: '2026-12-05T08:00',
    durationMinutes: 240,
  });
  t.equal(shorter.durationMinutes, 240, 'the duration given wins');
  t.equal(
    shorter.slots.find((s) => s.key === 'usher')?.durationMinutes,
    240,
    'template slots follow it',
  );

  const ownSlots = buildEventDraft({
    unitId: 'u1',
    kind: 'elderly_class',
    template: 'elderly_class',
    title: '老年课堂',
    start: '2026-12-05T09:00',
    slots: [{ key: 'seat', name: '座位', role: 'attendee', capacity: 20, minAge: 65 }],
  });
  t.same(
    ownSlots.slots.map((s) => [s.key, s.capacity, s.minAge]),
    [['seat', 20, 65]],
    "slots given replace the template's",
  );
  t.equal(ownSlots.durationMinutes, templates.elderly_class.durationMinutes);
});

t.test('buildEventDraft collects every cross-field problem with its request path', async (t) => {
  const slot = (over: Partial<SlotInput>): SlotInput => ({
    key: 'a',
    name: '岗位',
    role: 'volunteer',
    capacity: 5,
    ...over,
  });
  const cases: [name: string, input: EventInput, paths: string[]][] = [
    ['bad RRULE', { ...base, recurrence: { rrule: 'FREQ=SOMETIMES' } }, ['recurrence.rrule']],
    ['unknown zone', { ...base, timeZone: 'Mars/Olympus' }, ['timeZone']],
    [
      'bad exdate',
      {
        ...base,
        recurrence: { rrule: 'FREQ=DAILY', exdates: ['2026-12-06T09:00', '2026-02-30T09:00'] },
      },
      ['recurrence.exdates.1'],
    ],
    [
      'bad rdate',
      { ...base, recurrence: { rdates: ['2026-13-01T09:00'] } },
      ['recurrence.rdates.0'],
    ],
    ['bad start', { ...base, start: '2026-02-29T09:00' }, ['start']],
    ['no duration and no template', { ...base, durationMinutes: undefined }, ['durationMinutes']],
    [
      'slot ends after the occurrence',
      { ...base, slots: [slot({}), slot({ key: 'b', offsetMinutes: 60, durationMinutes: 90 })] },
      ['slots.1.offsetMinutes'],
    ],
    [
      'slot ends exactly with the occurrence',
      { ...base, slots: [slot({ offsetMinutes: 60, durationMinutes: 60 })] },
      [],
    ],
    [
      "offset alone past the end (duration defaults to the event's)",
      { ...base, slots: [slot({ offsetMinutes: 30 })] },
      ['slots.0.offsetMinutes'],
    ],
    [
      'a repeating slot whose first repeat fits',
      {
        ...base,
        slots: [slot({ offsetMinutes: 90, durationMinutes: 30, repeatEveryMinutes: 30 })],
      },
      [],
    ],
    [
      'a repeating slot whose first repeat does not fit',
      {
        ...base,
        slots: [slot({ offsetMinutes: 100, durationMinutes: 30, repeatEveryMinutes: 30 })],
      },
      ['slots.0.offsetMinutes'],
    ],
    [
      'duplicate keys',
      { ...base, slots: [slot({}), slot({ key: 'b' }), slot({})] },
      ['slots.2.key'],
    ],
    [
      'maxAge below minAge',
      { ...base, slots: [slot({ minAge: 60, maxAge: 18 })] },
      ['slots.0.maxAge'],
    ],
    ['maxAge equal to minAge', { ...base, slots: [slot({ minAge: 60, maxAge: 60 })] }, []],
    [
      'companion range inverted',
      { ...base, slots: [slot({ companionMinAge: 10, companionMaxAge: 3 })] },
      ['slots.0.companionMaxAge'],
    ],
    [
      'minNeeded above capacity',
      { ...base, slots: [slot({ capacity: 2, minNeeded: 3 })] },
      ['slots.0.minNeeded'],
    ],
    ['no slots', { ...base, slots: [] }, ['slots']],
    [
      'everything at once, all reported',
      {
        ...base,
        timeZone: 'Nowhere/Land',
        recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=XX' },
        slots: [
          slot({ minAge: 30, maxAge: 20, capacity: 1, minNeeded: 2 }),
          slot({ key: 'b', offsetMinutes: 119, durationMinutes: 2 }),
          slot({ key: 'b' }),
        ],
      },
      [
        'timeZone',
        'recurrence.rrule',
        'slots.0.maxAge',
        'slots.0.minNeeded',
        'slots.1.offsetMinutes',
        'slots.2.key',
      ],
    ],
  ];
  for (const [name, input, paths] of cases) {
    if (paths.length === 0) {
      t.doesNotThrow(() => buildEventDraft(input), name);
      continue;
    }
    t.test(name, async (t) => {
      t.same(pathsOf(() => buildEventDraft(input)).sort(), [...paths].sort());
    });
  }
  try {
    buildEventDraft({ ...base, slots: [] });
  } catch (error) {
    t.match(error, { message: /slots/ }, 'the detail names the fields');
  }
});

t.test('the example input of API.md builds', async (t) => {
  const input = eventInputSchema.parse({
    unitId: 'u1',
    kind: 'vaccination_clinic',
    template: 'vaccination_clinic',
    title: '临时新冠疫苗接种点 · 王家园社区',
    location: { name: '王家园社区活动室', address: '…' },
    timeZone: 'Asia/Shanghai',
    start: '2026-12-05T08:00',
    durationMinutes: 480,
    recurrence: {
      rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=4',
      exdates: ['2026-12-12T08:00'],
      rdates: [],
    },
    signupWindow: { opensBeforeMinutes: 20160, closesBeforeMinutes: 60 },
    slots: [
      {
        key: 'registrar',
        name: '登记员',
        role: 'volunteer',
        capacity: 2,
        minNeeded: 2,
        offsetMinutes: 0,
        durationMinutes: 240,
      },
      {
        key: 'vaccinator',
        name: '接种医生',
        role: 'volunteer',
        capacity: 2,
        requiredTags: ['medical'],
      },
      {
        key: 'appointment',
        name: '预约接种',
        role: 'attendee',
        capacity: 15,
        durationMinutes: 30,
        repeatEveryMinutes: 30,
        minAge: 18,
        maxPartySize: 1,
        waitlist: true,
      },
    ],
    status: 'published',
  });
  const draft = buildEventDraft(input);
  t.equal(draft.status, 'published');
  t.equal(draft.slots.length, 3);
  t.equal(draft.slots[1]?.durationMinutes, 480);
  t.equal(draft.title, '临时新冠疫苗接种点 · 王家园社区', 'Chinese text unchanged');
});

t.test('applyEventPatch', async (t) => {
  const stored: Event = {
    ...buildEventDraft({
      ...base,
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SA' },
      description: '说明',
      location: { name: '活动室' },
    }),
    id: 'e1',
    status: 'published',
    version: 3,
    cancelReason: null,
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
  };
  const same = applyEventPatch(stored, {});
  const { id, version, cancelReason, createdAt, updatedAt, ...content } = stored;
  t.same(same, content, 'an empty patch changes nothing');

  const edited = applyEventPatch(stored, {
    title: '新标题',
    description: null,
    location: null,
    recurrence: null,
    durationMinutes: 180,
    kind: 'cleanup_drive',
    start: '2026-12-06T10:00',
    timeZone: 'Asia/Tokyo',
    signupWindow: { opensBeforeMinutes: 60, closesBeforeMinutes: 0 },
  });
  t.match(edited, {
    title: '新标题',
    description: null,
    location: null,
    recurrence: null,
    durationMinutes: 180,
    kind: 'cleanup_drive',
    start: '2026-12-06T10:00',
    timeZone: 'Asia/Tokyo',
    status: 'published',
    unitId: 'community-1',
  });
  t.equal(edited.slots[0]?.durationMinutes, 120, 'slots not given keep theirs');

  const newSlots = applyEventPatch(stored, {
    slots: [{ key: 'x', name: '新岗位', role: 'attendee', capacity: 3 }],
    recurrence: { rrule: 'FREQ=DAILY;COUNT=3' },
  });
  t.match(newSlots.slots, [{ key: 'x', durationMinutes: 120, waitlist: true }]);
  t.same(newSlots.recurrence, { rrule: 'FREQ=DAILY;COUNT=3', exdates: [], rdates: [] });

  t.same(
    pathsOf(() => applyEventPatch(stored, { durationMinutes: 60 })),
    ['slots.0.offsetMinutes'],
    'shortening strands a slot',
  );
  t.same(
    pathsOf(() =>
      applyEventPatch(stored, {
        recurrence: { rrule: 'FREQ=NEVER' },
        slots: [
          { key: 'x', name: '岗位', role: 'volunteer', capacity: 1 },
          { key: 'x', name: '岗位', role: 'volunteer', capacity: 1 },
        ],
      }),
    ).sort(),
    ['recurrence.rrule', 'slots.1.key'],
  );
  t.throws(
    () => applyEventPatch({ ...stored, status: 'cancelled' }, { title: 'x' }),
    { code: 'invalid_state' },
    'a cancelled event cannot be edited',
  );
});

t.test('schemas and errors of the model', async (t) => {
  t.ok(signupInputSchema.safeParse({ shiftId: 's', personId: 'p' }).success, 'seats optional');
  t.ok(
    signupInputSchema.safeParse({
      shiftId: 's',
      personId: 'p',
      seats: 2,
      companions: [{ name: '小明' }],
    }).success,
    'seats agree with companions',
  );
  const disagree = signupInputSchema.safeParse({
    shiftId: 's',
    personId: 'p',
    seats: 3,
    companions: [{ name: '小明' }],
  });
  t.same(
    disagree.error?.issues.map((i) => i.path.join('.')),
    ['seats'],
    'seats must equal 1 + companions',
  );
  t.notOk(signupInputSchema.safeParse({ shiftId: 's', personId: 'p', extra: 1 }).success, 'strict');
  t.notOk(
    eventInputSchema.safeParse({ ...base, capacity: 3 }).success,
    'unknown event field refused',
  );
  t.notOk(
    eventInputSchema.safeParse({ ...base, durationMinutes: '60' }).success,
    'a number as a string is refused, not coerced',
  );

  const cases: [string, boolean][] = [
    ['2026-12-05T08:00', true],
    ['2026-12-05T08:00:30', true],
    ['2028-02-29T00:00', true],
    ['2026-02-29T00:00', false],
    ['2026-04-31T00:00', false],
    ['2026-13-01T00:00', false],
    ['2026-00-01T00:00', false],
    ['2026-12-00T00:00', false],
    ['2026-12-05T24:00', false],
    ['2026-12-05T23:60', false],
    ['2026-12-05T23:59:60', false],
    ['2026-12-05 08:00', false],
    ['2026-12-05T08:00+08:00', false],
  ];
  for (const [value, valid] of cases)
    t.equal(isValidLocalDateTime(value), valid, `local time ${value}`);
  t.equal(isValidTimeZone('Asia/Shanghai'), true);
  t.equal(isValidTimeZone('UTC'), true);
  t.equal(isValidTimeZone('Mars/Olympus'), false);
  t.equal(isValidTimeZone('EST'), false, 'legacy abbreviations are not IANA zone names');

  const one = invalidField('slots.1.capacity', 'must be at least 1');
  t.match(one, { code: 'validation_failed', status: 400, errors: [{ path: 'slots.1.capacity' }] });
  t.equal(isRotaError(one), true);
  t.equal(isRotaError(one, 'not_found'), false);
  t.equal(isRotaError(new Error('x')), false);
  const plain = new RotaError('shift_full');
  t.equal(plain.message, errorCatalog.shift_full.title, 'the catalog title is the default detail');
  t.equal(plain.status, 409);
  for (const [code, entry] of Object.entries(errorCatalog)) {
    t.ok(
      entry.status >= 400 && entry.status < 600 && entry.title.length > 0,
      `${code} is catalogued`,
    );
  }
});
