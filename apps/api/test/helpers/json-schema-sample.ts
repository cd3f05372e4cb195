// A small seeded generator of JSON values from the JSON Schemas of the OpenAPI document:
// valid values (with domain-aware choices for fields whose validity a schema cannot express,
// such as ids, RRULEs and time zones) and broken ones (one mutation at a time).

/** The subset of JSON Schema (2020-12, as OpenAPI 3.1 uses it) the generator understands. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  default?: unknown;
}

/** mulberry32: a tiny seeded PRNG, so that a failing run can be replayed from its seed. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from nothing');
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}
export type Random = ReturnType<typeof seededRandom>;

/** Values chosen by field name: ids from the fixture, and the fields with semantic rules. */
export type FieldPools = Record<string, readonly unknown[]>;

export const validPools: FieldPools = {
  timeZone: ['Asia/Shanghai', 'UTC', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Apia'],
  rrule: [
    'FREQ=DAILY;COUNT=3',
    'FREQ=WEEKLY;BYDAY=SA;COUNT=4',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=5',
    'FREQ=MONTHLY;BYMONTHDAY=1;COUNT=2',
    'FREQ=WEEKLY;UNTIL=20270131T000000',
    null,
  ],
  start: ['2026-12-05T09:00', '2026-11-29T08:30', '2026-12-24T23:30', '2027-03-14T02:30:00'],
  exdates: ['2026-12-12T09:00', '2026-12-06T08:30'],
  rdates: ['2026-12-20T10:00', '2027-01-02T09:00'],
  birthDate: ['1990-03-01', '1950-06-15', '2012-09-01', '2000-02-29', null],
  at: ['2026-12-05T09:30:00+08:00', '2026-11-28T04:00:00Z', '2026-12-05T01:00:00.000Z'],
  from: ['2026-11-28T04:00:00Z', '2026-11-01T00:00:00+08:00', '2026-12-01T00:00:00-05:00'],
  to: ['2026-12-31T00:00:00Z', '2027-02-01T00:00:00+08:00'],
  durationMinutes: [30, 60, 120, 480],
  offsetMinutes: [0, 0, 30],
  repeatEveryMinutes: [null, 30, 60],
  requiredTags: [[], ['medical'], ['党员', 'driver']],
  tags: [[], ['medical'], ['first-aid', '志愿者']],
  phone: ['13800138000', '+86 10 1234 5678', null],
  email: ['li.na@example.org', null],
  dayBeforeAt: ['18:00', '09:30', null],
  hoursBefore: [[2], [1, 24], []],
  url: ['https://example.org/rota-hook', 'http://example.com/x'],
  key: ['crew', 'lead', 'seat', 'a-1', 'z_9'],
  limit: ['1', '2', '50', '500'],
  cursor: ['abc', 'eyJ4IjoxfQ'],
  available: ['true', 'false'],
  understaffed: ['true', 'false'],
};

/** Values that break a field's rules beyond its JSON type. */
export const brokenPools: Record<string, readonly string[]> = {
  timeZone: ['Mars/Base', 'asia/shanghai', '+08:00', 'UTC+8', '../../etc/passwd', 'Asia/', ' '],
  rrule: [
    'FREQ=SOMETIMES',
    'FREQ=DAILY;COUNT=-1',
    'FREQ=DAILY;COUNT=0',
    'FREQ=DAILY;BYDAY=XX',
    'RRULE:FREQ=DAILY',
    'FREQ=SECONDLY',
    'FREQ=MINUTELY;INTERVAL=1',
    'FREQ=DAILY;UNTIL=notadate',
    'FREQ=DAILY;INTERVAL=0',
    'FREQ=YEARLY;BYMONTH=13',
    'FREQ=DAILY;COUNT=3;COUNT=4',
    'FREQ=DAILY\nX-INJECT:1',
    'FREQ=DAILY;BYSETPOS=0',
    'FREQ=DAILY;DTSTART=19700101T000000Z',
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
    'FREQ=DAILY;UNTIL=99991231T000000',
  ],
  date: ['2026-02-30', '2026-13-01', '2026-00-10', '26-12-05', '２０２６-12-05', '2026-12-5', ''],
  localTime: [
    '2026-13-01T00:00',
    '2026-12-05T24:00',
    '2026-02-30T09:00',
    '2026-12-05 09:00',
    '2026-12-05T09:00Z',
    '2026-12-05T09:00+08:00',
    '2026-12-05T09:60',
    '0000-01-01T00:00',
    '9999-12-31T23:59:59',
  ],
  instant: [
    '2026-11-28',
    'now',
    '2026-11-28T04:00:00',
    '2026-11-28T04:00:00+25:00',
    '9999-12-31T23:59:59Z',
    '0000-01-01T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '1e9',
  ],
  limit: ['0', '-1', '501', '99999', '1e3', 'abc', '', ' 5', '5.5', '0x10', '٣', '00000'],
  id: [
    'nope',
    '00000000-0000-0000-0000-000000000000',
    "' or 1=1 --",
    '😀',
    '中文',
    '..',
    '-1',
    '1e9',
    'a'.repeat(300),
    'null',
  ],
};

/** Resolves `#/components/schemas/X` references against the document's components. */
export function resolve(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = components[name];
    if (!target) throw new Error(`unresolved ${schema.$ref}`);
    return resolve(target, components);
  }
  return schema;
}

const LOCAL_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?$';

/** The kind of string a schema describes, for the pools. */
export function stringKind(schema: JsonSchema): 'date' | 'instant' | 'localTime' | 'other' {
  if (schema.format === 'date') return 'date';
  if (schema.format === 'date-time') return 'instant';
  if (schema.pattern === LOCAL_TIME) return 'localTime';
  return 'other';
}

const alphabet = ['a', 'Z', '7', ' ', '王', '家', '园', '😀', 'é', '-', '_', '"', '\\', '<'];

/** Generates a value that the schema accepts (and, where pools know better, that is sensible). */
export function sample(
  schema: JsonSchema,
  components: Record<string, JsonSchema>,
  random: Random,
  pools: FieldPools,
  field = '',
): unknown {
  const s = resolve(schema, components);
  if (field in pools && pools[field]!.length > 0) {
    const value = random.pick(pools[field]!);
    if (value !== null || acceptsNull(s, components)) return value;
  }
  if (s.const !== undefined) return s.const;
  if (s.enum) return random.pick(s.enum);
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return sample(random.pick(branches), components, random, pools, field);
  const type = Array.isArray(s.type) ? random.pick(s.type) : s.type;
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return random.chance(0.5);
    case 'integer':
    case 'number': {
      const min = s.minimum ?? 0;
      const max = s.maximum ?? min + 1000;
      if (random.chance(0.3)) return min;
      if (random.chance(0.05)) return max;
      return random.int(min, Math.min(max, min + 120));
    }
    case 'array': {
      const min = s.minItems ?? 0;
      const max = Math.min(s.maxItems ?? 3, 3);
      const length = random.int(min, Math.max(min, max));
      const items = Array.from({ length }, () =>
        sample(s.items ?? {}, components, random, pools, singular(field)),
      );
      // Slot keys must be unique within an event: number them.
      return items.map((item, i) =>
        item && typeof item === 'object' && 'key' in item ? { ...item, key: `k${i}` } : item,
      );
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(s.properties ?? {})) {
        if (s.required?.includes(name) || random.chance(0.5)) {
          out[name] = sample(property, components, random, pools, name);
        }
      }
      return out;
    }
    case 'string': {
      const kind = stringKind(s);
      if (kind === 'date') return random.pick(validPools.birthDate!.filter((x) => x !== null));
      if (kind === 'instant') return random.pick(validPools.at!);
      if (kind === 'localTime') return random.pick(validPools.start!);
      if (s.pattern) {
        // A pattern the pools do not know: try simple candidates, else fail loudly so that a
        // new pattern gets a pool instead of silently producing invalid "valid" input.
        const re = new RegExp(s.pattern, 'u');
        for (const candidate of ['medical', 'k1', '12', 'a'])
          if (re.test(candidate)) return candidate;
        throw new Error(`no sample for pattern ${s.pattern} (${field})`);
      }
      const min = s.minLength ?? 0;
      const max = Math.min(s.maxLength ?? 30, 30);
      const length = random.int(Math.max(min, 1), Math.max(min, max, 1));
      let text = '';
      while ([...text].length < length) text += random.pick(alphabet);
      // Names are trimmed before their length is checked: keep the ends non-blank.
      return `x${text.trim()}x`.slice(0, Math.max(min, Math.min(s.maxLength ?? 32, 32)));
    }
    default:
      return {};
  }
}

function singular(field: string): string {
  return ['exdates', 'rdates', 'requiredTags', 'tags'].includes(field) ? `${field}.item` : '';
}

function acceptsNull(schema: JsonSchema, components: Record<string, JsonSchema>): boolean {
  const s = resolve(schema, components);
  if (s.type === 'null' || (Array.isArray(s.type) && s.type.includes('null'))) return true;
  return (s.anyOf ?? s.oneOf ?? []).some((branch) => acceptsNull(branch, components));
}

/** A leaf of a generated value: its path and the schema that describes it. */
export interface Leaf {
  path: (string | number)[];
  schema: JsonSchema;
}

/** Every path of `value` that `schema` describes, with its (resolved) schema. */
export function leaves(
  value: unknown,
  schema: JsonSchema,
  components: Record<string, JsonSchema>,
  path: (string | number)[] = [],
): Leaf[] {
  let s = resolve(schema, components);
  const branches = s.anyOf ?? s.oneOf;
  if (branches) {
    const concrete = branches.map((b) => resolve(b, components)).find((b) => b.type !== 'null');
    if (concrete && value !== null) s = concrete;
  }
  const here: Leaf[] = [{ path, schema: s }];
  if (Array.isArray(value) && s.items) {
    return here.concat(
      value.flatMap((item, i) => leaves(item, s.items!, components, [...path, i])),
    );
  }
  if (value && typeof value === 'object' && s.properties) {
    return here.concat(
      Object.entries(value as Record<string, unknown>).flatMap(([key, item]) =>
        s.properties?.[key] ? leaves(item, s.properties[key]!, components, [...path, key]) : [],
      ),
    );
  }
  return here;
}

/** Returns a copy of `value` with the member at `path` replaced (or deleted with `remove`). */
export function setAt(
  value: unknown,
  path: (string | number)[],
  replacement: unknown,
  remove = false,
): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy: Record<string | number, unknown> = Array.isArray(value)
    ? ([...value] as unknown as Record<number, unknown>)
    : { ...(value as Record<string, unknown>) };
  if (rest.length === 0 && remove) {
    if (Array.isArray(copy)) (copy as unknown[]).splice(head as number, 1);
    else delete copy[head];
    return copy;
  }
  copy[head] = setAt(copy[head], rest, replacement, remove);
  return copy;
}
