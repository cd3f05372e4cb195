// The storable-text rule (no U+0000, no lone UTF-16 surrogate): the predicate, the schema
// every free-text field is built on, and the walker the stores use. Table-driven.
import t from 'tap';
import {
  assertStorableText,
  eventInputSchema,
  isRotaError,
  isStorableText,
  occurrencePatchSchema,
  personInputSchema,
  resourceInputSchema,
  STORABLE_TEXT_MESSAGE,
  signupInputSchema,
  storableText,
  unitInputSchema,
  unstorableText,
} from '../src/index.ts';

t.test('isStorableText', async (t) => {
  const cases: [string, boolean, string][] = [
    ['', true, 'empty'],
    ['王芳', true, 'Chinese'],
    ['🙂 ok', true, 'a surrogate pair'],
    ['\uFFFD', true, 'the replacement character'],
    ['a\u0000b', false, 'U+0000'],
    ['\u0000', false, 'only U+0000'],
    ['x\uD83D', false, 'a high surrogate at the end'],
    ['\uD83Dx', false, 'a high surrogate before a letter'],
    ['\uDE42x', false, 'a low surrogate first'],
    ['a\uDE42', false, 'a low surrogate after a letter'],
    ['\uDE42\uD83D', false, 'a pair in the wrong order'],
  ];
  for (const [value, storable, what] of cases) t.equal(isStorableText(value), storable, what);
});

t.test('storableText refuses on the field, with the rule chained after it', async (t) => {
  t.equal(storableText.parse('ok'), 'ok');
  const result = storableText.max(3).safeParse('a\u0000bcd');
  t.notOk(result.success);
  t.same(result.error?.issues.map((issue) => issue.message).sort(), [
    'Too big: expected string to have <=3 characters',
    STORABLE_TEXT_MESSAGE,
  ]);
  t.equal(storableText.trim().parse('  王芳 '), '王芳', 'trim still applies');
});

t.test('every free-text field of the input schemas is storable text', async (t) => {
  const event = {
    unitId: 'u1',
    kind: 'general',
    title: '擦洗宣传橱窗',
    start: '2026-12-05T09:00',
    durationMinutes: 120,
  };
  const cases: [
    string,
    { safeParse(value: unknown): { success: boolean; error?: unknown } },
    object,
    string,
  ][] = [
    ['event title', eventInputSchema, { ...event, title: 'a\u0000' }, 'title'],
    ['event description', eventInputSchema, { ...event, description: '\uD800' }, 'description'],
    [
      'event place',
      eventInputSchema,
      { ...event, location: { name: 'x', address: 'y\u0000' } },
      'location.address',
    ],
    ['event unit', eventInputSchema, { ...event, unitId: 'u\u0000' }, 'unitId'],
    [
      'slot name',
      eventInputSchema,
      { ...event, slots: [{ key: 'crew', name: '志愿者\uDC00', role: 'volunteer', capacity: 1 }] },
      'slots.0.name',
    ],
    [
      'rrule',
      eventInputSchema,
      { ...event, recurrence: { rrule: 'FREQ=DAILY\u0000' } },
      'recurrence.rrule',
    ],
    ['unit name', unitInputSchema, { name: '平城区\u0000', kind: 'district' }, 'name'],
    ['person phone', personInputSchema, { name: 'x', unitId: 'u', phone: '138\u0000' }, 'phone'],
    ['person tag', personInputSchema, { name: 'x', unitId: 'u', tags: ['\uD800'] }, 'tags.0'],
    ['signup note', signupInputSchema, { shiftId: 's', personId: 'p', note: 'n\u0000' }, 'note'],
    [
      'companion name',
      signupInputSchema,
      { shiftId: 's', personId: 'p', companions: [{ name: '\uDFFF' }] },
      'companions.0.name',
    ],
    [
      'cancel reason',
      occurrencePatchSchema,
      { status: 'cancelled', reason: '疫苗\u0000' },
      'reason',
    ],
    [
      'resource note',
      resourceInputSchema,
      { unitId: 'u', name: 'x', quantity: 1, note: '\u0000' },
      'note',
    ],
  ];
  for (const [what, schema, value, path] of cases) {
    const result = schema.safeParse(value);
    t.notOk(result.success, `${what} is refused`);
    const issues = (result.error as { issues: { path: PropertyKey[]; message: string }[] }).issues;
    t.ok(
      issues.some(
        (issue) => issue.path.join('.') === path && issue.message === STORABLE_TEXT_MESSAGE,
      ),
      `${what}: on ${path}`,
    );
  }
});

t.test('unstorableText walks objects and arrays; assertStorableText throws on them', async (t) => {
  t.same(unstorableText({ title: 'ok', slots: [{ name: 'fine' }], n: 3, none: null }), []);
  t.same(unstorableText({ title: 'a\u0000', slots: [{ name: 'ok' }, { name: '\uD800' }] }), [
    { path: 'title', message: STORABLE_TEXT_MESSAGE },
    { path: 'slots.1.name', message: STORABLE_TEXT_MESSAGE },
  ]);
  t.same(
    unstorableText('\u0000'),
    [{ path: 'value', message: STORABLE_TEXT_MESSAGE }],
    'a bare string',
  );
  t.same(unstorableText({ reason: '\u0000' }, ['body']), [
    { path: 'body.reason', message: STORABLE_TEXT_MESSAGE },
  ]);

  t.doesNotThrow(() => assertStorableText({ name: '王芳', tags: ['medical'] }));
  try {
    assertStorableText({ name: '王芳\u0000', tags: ['x', '\uDC00'] });
    t.fail('expected a throw');
  } catch (error) {
    t.ok(isRotaError(error, 'validation_failed'));
    t.same((error as { errors: unknown }).errors, [
      { path: 'name', message: STORABLE_TEXT_MESSAGE },
      { path: 'tags.1', message: STORABLE_TEXT_MESSAGE },
    ]);
    t.equal((error as Error).message, `name: ${STORABLE_TEXT_MESSAGE}`);
  }
});
