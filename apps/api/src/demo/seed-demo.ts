import { randomBytes } from 'node:crypto';
import {
  buildEventDraft,
  type Event,
  type EventInput,
  isRotaError,
  localToInstant,
  type Occurrence,
  type Shift,
  templates,
  type Unit,
} from '@rota/core';
import type { RotaDb, TokenRole } from '@rota/db';
import { type DemoUnit, demoPeople, demoUnits } from './demo-data.ts';
import { demoWeek } from './demo-week.ts';

/** A demo token as the server prints it. */
export interface DemoToken {
  label: string;
  role: string;
  token: string;
  /** The organizer's unit (the guides' `UNIT_ID`). */
  unitId?: string;
  /** The volunteer's person (the guides' `PERSON_ID`). */
  personId?: string;
}

const ZONE = 'Asia/Shanghai';
const DAY = 24 * 60 * 60 * 1000;
/** Volunteers who get a token, so that a user can try the API as them at once. */
const volunteerTokens = [
  { person: '李娜', slug: 'lina' },
  { person: '张建国', slug: 'zhangjianguo' },
];

/**
 * Seeds the demo of USE-CASES.md into an empty database: the 平城区 unit tree, people with
 * tags and birth dates, one published event per use case next week (Asia/Shanghai), some
 * signups (one shift full with a waitlist), and tokens to try the API with. It writes only
 * through the stores and core's `buildEventDraft`, like any other client of @rota/db. The
 * server calls it on an empty database only; running it twice makes a second copy.
 *
 * @example
 * const { tokens } = await seedDemo(db, new Date().toISOString());
 * for (const t of tokens) console.log(`${t.label}: ${t.token}`);
 */
export async function seedDemo(db: RotaDb, now: string): Promise<{ tokens: DemoToken[] }> {
  const units = new Map<string, Unit>();
  const slugs = new Map<string, string>();
  const addUnit = async (node: DemoUnit, parentId: string | null): Promise<void> => {
    const unit = await db.units.create({ name: node.name, kind: node.kind, parentId });
    units.set(node.name, unit);
    slugs.set(node.name, node.slug);
    for (const child of node.children ?? []) await addUnit(child, unit.id);
  };
  await addUnit(demoUnits, null);
  const unit = (name: string): Unit => found(units.get(name), `unit ${name}`);

  const people = new Map<string, string>();
  for (const demo of demoPeople) {
    const person = await db.people.create({
      name: demo.name,
      unitId: unit(demo.unit).id,
      phone: demo.phone ?? null,
      birthDate: demo.birthDate,
      tags: demo.tags,
    });
    people.set(demo.name, person.id);
  }
  const person = (name: string): string => found(people.get(name), `person ${name}`);

  const tokens: DemoToken[] = [];
  const addToken = async (
    role: TokenRole,
    label: string,
    slug: string,
    bound: { unitId?: string; personId?: string },
  ): Promise<void> => {
    // Looks like a demo token (role and place are readable) but the tail is a random secret.
    const secret = `demo-${role}-${slug}-${randomBytes(12).toString('base64url')}`;
    const created = await db.tokens.create({ role, label, secret, ...bound });
    tokens.push({ label, role, token: created.token, ...bound });
  };
  const organizerUnits = new Set([demoUnits.name, ...demoPeople.map((p) => p.unit)]);
  for (const [name, value] of units) {
    if (!organizerUnits.has(name)) continue;
    await addToken('organizer', `${name} organizer`, found(slugs.get(name), name), {
      unitId: value.id,
    });
  }
  for (const { person: name, slug } of volunteerTokens) {
    await addToken('volunteer', `${name} volunteer`, slug, { personId: person(name) });
  }

  // Equipment (invariant 7): the district's sanitation office owns the shovel truck and the
  // loaders (usable by every event of the district); the subdistrict owns tents and the
  // community its thermometers.
  const resource = (
    unitName: string,
    name: string,
    kind: string,
    quantity: number,
    note?: string,
  ) =>
    db.resources.create(
      { unitId: unit(unitName).id, name, kind, quantity, ...(note ? { note } : {}) },
      now,
    );
  const truck = await resource('平城区', TRUCK, 'shovel_truck', 1, '区环卫中心');
  const loaders = await resource('平城区', LOADERS, 'loader', 3, '区环卫中心');
  await resource('永泰街道', '帐篷', 'tent', 10);
  await resource('王家园社区', '测温枪', 'thermometer', 20);

  await seedDemoWeek(db, now, {
    unitId: (name) => unit(name).id,
    personId: person,
    truckId: truck.id,
    loadersId: loaders.id,
  });
  return { tokens };
}

/** What a demo week needs of the demo's fixed data: ids by name, the district's equipment. */
interface DemoRefs {
  unitId(name: string): string;
  personId(name: string): string;
  truckId: string;
  loadersId: string;
  /** Skip a signup the stores refuse (a later week, added to data people have used). */
  lenient?: boolean;
}

/** The district's equipment the cleanup drive books (names are unique in the demo). */
const TRUCK = '铲车';
const LOADERS = '装载机';
/** The demo week's landmark: a week has the demo when this drive is in it. */
const CLEANUP_TITLE = '清洁家园 · 王家园小区背街小巷垃圾清运';

/**
 * The demo's events of next week (Monday to Sunday in Asia/Shanghai, seen from `now`), with
 * their signups (one shift full with a waitlist, one drive short of people, ...): one
 * published event per use case.
 */
async function seedDemoWeek(db: RotaDb, now: string, refs: DemoRefs): Promise<void> {
  const children = (name: string) =>
    found(
      demoPeople.find((p) => p.name === name),
      name,
    ).children ?? [];
  const week = demoWeek(now, ZONE);
  const until = new Date(Date.parse(now) + 120 * DAY).toISOString();
  const publish = async (
    input: Omit<EventInput, 'unitId'> & { unit: string },
  ): Promise<{ event: Event; occurrences: Occurrence[] }> => {
    const { unit: unitName, ...rest } = input;
    const draft = buildEventDraft({
      ...rest,
      unitId: refs.unitId(unitName),
      template: rest.template ?? rest.kind,
      timeZone: ZONE,
      status: 'published',
    });
    const event = await db.events.create(draft, now);
    const page = await db.events.occurrences(event.id, { from: now, to: until, limit: 500 });
    return { event, occurrences: page.items };
  };
  const signUp = async (
    name: string,
    shift: Shift,
    companions: { name: string; birthDate: string }[] = [],
  ): Promise<void> => {
    try {
      await db.signups.create(
        {
          shiftId: shift.id,
          personId: refs.personId(name),
          seats: 1 + companions.length,
          companions,
        },
        now,
      );
    } catch (error) {
      // A later week is added to live data: a person may have taken a shift at that time
      // since (409 schedule_conflict). The story loses one signup; the start goes on.
      if (!refs.lenient || !isRotaError(error)) throw error;
    }
  };

  // 1. 清洁家园: a cleanup drive short of people (6 of the 20 needed); it books the shovel truck
  // and all three loaders for the morning, so a second event asking for a loader that morning
  // is refused (409 resource_conflict naming this drive: the organizer guide shows it).
  const cleanup = await publish({
    unit: '王家园社区',
    kind: 'cleanup_drive',
    title: CLEANUP_TITLE,
    description:
      '社区联合区环卫中心清理小区巷道积存垃圾。区环卫中心出动铲车1台、装载机3台。请穿方便劳动的衣服，手套和工具由社区提供。',
    location: { name: '王家园小区', address: '平城区永泰街道王家园小区北门集合' },
    start: week.day(5, '08:30'),
    resources: [
      { resourceId: refs.truckId, quantity: 1 },
      { resourceId: refs.loadersId, quantity: 3 },
    ],
  });
  const crew = first(shiftsOf(cleanup.occurrences, 0, 'crew'), 'cleanup crew');
  for (const name of ['张建国', '赵磊', '周涛', '吴志强', '王秀兰', '韩梅']) {
    await signUp(name, crew);
  }

  // 2. 每周督办: weekly on Monday; the third week is skipped, the second moved to Tuesday.
  const supervision = await publish({
    unit: '永泰街道',
    kind: 'general',
    title: '每周督办 · 街道重点工作推进会',
    description: '街道办每周督办各社区重点工作进展。',
    location: { name: '永泰街道办事处三楼会议室' },
    start: week.day(0, '09:00'),
    durationMinutes: 90,
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=8', exdates: [week.day(14, '09:00')] },
    slots: [{ key: 'staff', name: '督办人员', role: 'volunteer', capacity: 6, minNeeded: 3 }],
  });
  const secondWeek = found(
    supervision.occurrences.find((o) => o.originalLocalStart.startsWith(week.day(7, '09:00'))),
    'second supervision meeting',
  );
  await db.occurrences.update(secondWeek.id, { start: week.day(8, '14:30') }, now);
  const meeting = first(shiftsOf(supervision.occurrences, 0, 'staff'), 'supervision staff');
  for (const name of ['韩梅', '黄振华']) await signUp(name, meeting);

  // 3. 废品收购站整治: community worker and a law-enforcement officer.
  const inspection = await publish({
    unit: '新华苑社区',
    kind: 'inspection',
    title: '废品收购站整治 · 消防与用电安全检查',
    description: '检查辖区废品收购站的灭火器、电线线路和环境卫生，发现问题当场登记、限期整改。',
    location: { name: '新华苑社区废品收购点', address: '平城区新华街道新华苑社区东侧' },
    start: week.day(2, '09:30'),
  });
  await signUp('马卫东', first(shiftsOf(inspection.occurrences, 0, 'officer'), 'officer'));
  await signUp('胡晓梅', first(shiftsOf(inspection.occurrences, 0, 'worker'), 'worker'));

  // 4. 临时疫苗接种点: three sites on three days, staff shifts and 30-minute appointments.
  const sites = [
    { unit: '王家园社区', place: '王家园社区党群服务中心', day: 1 },
    { unit: '永和里社区', place: '永和里社区活动室', day: 2 },
    { unit: '荣华里社区', place: '荣华里社区卫生服务站', day: 3 },
  ];
  const clinics = [];
  for (const site of sites) {
    clinics.push(
      await publish({
        unit: site.unit,
        kind: 'vaccination_clinic',
        title: `临时疫苗接种点 · ${site.unit}`,
        description: '老年人不用跑远路：在社区里登记、接种、留观。请带身份证，提前预约时段。',
        location: { name: site.place, address: `平城区永泰街道${site.unit}` },
        start: week.day(site.day, '08:00'),
      }),
    );
  }
  const [site1, site2] = clinics as [(typeof clinics)[0], (typeof clinics)[0]];
  await signUp('刘芳', first(shiftsOf(site1.occurrences, 0, 'vaccinator'), 'vaccinator'));
  await signUp('陈静', first(shiftsOf(site1.occurrences, 0, 'registrar'), 'registrar'));
  await signUp('黄振华', first(shiftsOf(site1.occurrences, 0, 'usher'), 'usher'));
  const appointments1 = shiftsOf(site1.occurrences, 0, 'appointment');
  await signUp('王秀兰', found(appointments1[1], 'appointment 08:30'));
  await signUp('张建国', found(appointments1[2], 'appointment 09:00'));
  await signUp('杨华', first(shiftsOf(site2.occurrences, 0, 'vaccinator'), 'vaccinator'));
  await signUp('何桂英', first(shiftsOf(site2.occurrences, 0, 'appointment'), 'appointment'));

  // 5. 老年课堂: seats for residents aged 60 and over, a doctor speaks.
  const elderly = await publish({
    unit: '迎宾东社区',
    kind: 'elderly_class',
    title: '老年课堂 · 疫苗知识讲座',
    description: '村卫生室医生讲解老年人接种疫苗的好处和注意事项，讲座后现场答疑。',
    location: { name: '迎宾东社区老年活动中心' },
    start: week.day(4, '15:00'),
  });
  await signUp('杨华', first(shiftsOf(elderly.occurrences, 0, 'speaker'), 'speaker'));
  const seat = first(shiftsOf(elderly.occurrences, 0, 'seat'), 'seat');
  for (const name of ['高淑珍', '林德明', '王秀兰']) await signUp(name, seat);

  // 6. 亲子活动: the hall seats 10, so three families fill it and the fourth waits.
  const parentChild = await publish({
    unit: '王家园社区',
    kind: 'parent_child',
    title: '亲子活动 · 欢乐一家亲',
    description:
      '社区与物业公司联合举办：二胡独奏、艺术体操、小丑表演、少儿打鼓和家庭游戏。一位家长带孩子报名，孩子14岁以下。',
    location: { name: '王家园社区多功能厅' },
    start: week.day(6, '09:30'),
    // The template's 60 family seats, cut to what this hall holds.
    slots: templates.parent_child.slots.map((slot) =>
      slot.key === 'family' ? { ...slot, capacity: 10 } : slot,
    ),
  });
  const family = first(shiftsOf(parentChild.occurrences, 0, 'family'), 'family seats');
  for (const name of ['孙小红', '周涛', '陈静', '冯海燕']) {
    await signUp(name, family, children(name));
  }
  const helper = first(shiftsOf(parentChild.occurrences, 0, 'helper'), 'helper');
  for (const name of ['郑丽', '赵磊']) await signUp(name, helper);

  // 7. 走访慰问: monthly visits by a pair of cadres; this month's pair is complete.
  const visits = await publish({
    unit: '永和里社区',
    kind: 'home_visit',
    title: '走访慰问 · 困难家庭送米面油',
    description: '社区干部两人一组走访困难家庭，送去面粉和大米；同时看望老党员，送上书籍。',
    location: { name: '永和里社区', address: '平城区永泰街道永和里社区' },
    start: week.day(3, '14:00'),
    recurrence: { rrule: 'FREQ=MONTHLY;COUNT=3' },
  });
  const visit = first(shiftsOf(visits.occurrences, 0, 'visit'), 'visit pair');
  for (const name of ['吴志强', '郑丽']) await signUp(name, visit);

  // 8. 接诉即办: a resident called about a water cut; the grid leader goes today.
  const complaint = await publish({
    unit: '王家园社区第一网格',
    kind: 'general',
    title: '接诉即办 · 3号楼停水回访',
    description: '居民来电反映王家园小区3号楼停水，网格长当天上门查看，联系供水公司并回复居民。',
    location: { name: '王家园小区3号楼' },
    start: week.soon,
    durationMinutes: 60,
    slots: [{ key: 'assignee', name: '网格长处置', role: 'volunteer', capacity: 1, minNeeded: 1 }],
  });
  await signUp('赵磊', first(shiftsOf(complaint.occurrences, 0, 'assignee'), 'assignee'));

  // 9. 擦洗宣传橱窗、健身器材: a plain volunteer event for party members.
  const tidyUp = await publish({
    unit: '水泊寺社区',
    kind: 'general',
    title: '擦洗宣传橱窗和健身器材',
    description: '党员志愿者清洗社区宣传橱窗，擦拭健身器材，检查器材是否松动损坏。',
    location: { name: '水泊寺社区广场' },
    start: week.day(5, '14:00'),
  });
  const tidyShift = first(shiftsOf(tidyUp.occurrences, 0, 'volunteer'), 'tidy-up volunteers');
  for (const name of ['郭建华', '罗玉兰', '张建国']) await signUp(name, tidyShift);
}

/**
 * Keeps the demo in the near future on a database seeded earlier: when next week (Monday to
 * Sunday in Asia/Shanghai, seen from `now`) has no demo yet, its events and signups are added
 * for that week, as the first start made them. Runs at every start; a week that has the demo
 * is left alone, so it is idempotent. The demo's people are found again through the rosters of
 * the first demo week (the stores look people up by id only; every person the week signs up
 * is on one of them). Answers what it did: `added`, `current` (nothing to do) or `no-demo` (the
 * database holds no demo to refresh).
 *
 * @example
 * await refreshDemoWeek(db, new Date().toISOString()); // 'added' a week after the seed
 */
export async function refreshDemoWeek(
  db: RotaDb,
  now: string,
): Promise<'added' | 'current' | 'no-demo'> {
  const units = new Map((await db.units.list({ limit: 500 })).items.map((u) => [u.name, u]));
  const district = units.get(demoUnits.name);
  const community = units.get('王家园社区');
  if (!district || !community) return 'no-demo';

  const week = demoWeek(now, ZONE);
  const window = {
    from: localToInstant(week.day(0, '00:00'), ZONE),
    to: localToInstant(week.day(7, '00:00'), ZONE),
  };
  const landmark = await db.events.list({
    unitId: community.id,
    kind: 'cleanup_drive',
    limit: 500,
    ...window,
  });
  if (landmark.items.some((event) => event.title === CLEANUP_TITLE)) return 'current';

  // The first demo week: the district's oldest events (lists run in creation order).
  const first = (await db.events.list({ unitId: district.id, limit: 50 })).items;
  const people = new Map<string, string>();
  for (const event of first) {
    const start = Date.parse(localToInstant(event.start, event.timeZone));
    const [occurrence] = (
      await db.events.occurrences(event.id, {
        from: new Date(start - DAY).toISOString(),
        to: new Date(start + DAY).toISOString(),
        limit: 1,
      })
    ).items;
    for (const shift of occurrence?.shifts ?? []) {
      for (const entry of await db.shifts.roster(shift.id)) {
        people.set(entry.person.name, entry.personId);
      }
    }
  }
  const equipment = (await db.resources.list({ unitId: district.id, limit: 100 })).items.filter(
    (resource) => resource.unitId === district.id,
  );
  const resourceId = (name: string) =>
    found(equipment.find((resource) => resource.name === name)?.id, `resource ${name}`);
  await seedDemoWeek(db, now, {
    unitId: (name) => found(units.get(name), `unit ${name}`).id,
    personId: (name) => found(people.get(name), `person ${name}`),
    truckId: resourceId(TRUCK),
    loadersId: resourceId(LOADERS),
    lenient: true,
  });
  return 'added';
}

/** The shifts of one slot on the n-th occurrence, in start order. */
function shiftsOf(occurrences: Occurrence[], n: number, slotKey: string): Shift[] {
  const occurrence = found(occurrences[n], `occurrence ${n}`);
  return occurrence.shifts
    .filter((shift) => shift.slotKey === slotKey)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

function first<T>(items: T[], what: string): T {
  return found(items[0], what);
}

// The demo data is fixed: a missing unit, person or shift is a bug in this file, said plainly.
function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo seed: ${what} not found`);
  return value;
}
