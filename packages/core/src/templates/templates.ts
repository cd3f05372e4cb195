import type { EventKind, SlotInput } from '../model/event.ts';

/** What a template fills in for its kind: defaults and slots. */
export interface Template {
  kind: EventKind;
  name: string;
  description: string;
  durationMinutes: number;
  slots: SlotInput[];
  /**
   * Equipment this kind usually needs, by resource kind: the organizer is prompted to book it
   * (the template books nothing by itself; resources are the unit's own).
   */
  suggestedResources?: { kind: string; name: string; quantity: number }[];
}

/**
 * The template of each kind: data, not code paths, so a new kind is a new entry here. The
 * slots follow USE-CASES.md; names are Chinese (what organizers see) with an English gloss in
 * the description. Templates set no signup window: the event's default applies.
 *
 * @example
 * const draft = buildEventDraft({ unitId, kind: 'elderly_class', template: 'elderly_class',
 *   title: '老年课堂', start: '2026-12-05T09:00' });
 * draft.slots.map((slot) => slot.key); // ['seat', 'speaker']
 */
export const templates: Record<EventKind, Template> = {
  cleanup_drive: {
    kind: 'cleanup_drive',
    name: '清洁家园',
    description:
      'Cleanup drive: party members and volunteers clear the lanes of a compound; the organizer books the equipment (shovel truck, loaders) as resources.',
    durationMinutes: 180,
    slots: [
      // cleanup crew: 25 places, at least 20 people to be worth it
      { key: 'crew', name: '清洁队员', role: 'volunteer', capacity: 25, minNeeded: 20 },
    ],
    suggestedResources: [
      { kind: 'shovel_truck', name: '铲车', quantity: 1 },
      { kind: 'loader', name: '装载机', quantity: 3 },
    ],
  },
  vaccination_clinic: {
    kind: 'vaccination_clinic',
    name: '临时疫苗接种点',
    description:
      'Temporary vaccination site: staff shifts (registrar, vaccinator with tag medical, usher, observer) and 30-minute resident appointments for adults.',
    durationMinutes: 480,
    slots: [
      // registrar
      { key: 'registrar', name: '登记员', role: 'volunteer', capacity: 2, minNeeded: 2 },
      // vaccinator: only people holding the `medical` qualification
      {
        key: 'vaccinator',
        name: '接种医生',
        role: 'volunteer',
        capacity: 2,
        minNeeded: 1,
        requiredTags: ['medical'],
      },
      // usher
      { key: 'usher', name: '引导员', role: 'volunteer', capacity: 2, minNeeded: 1 },
      // observer: watches residents for 30 minutes after the jab
      { key: 'observer', name: '留观员', role: 'volunteer', capacity: 1, minNeeded: 1 },
      // resident appointment: one adult per 30-minute slot
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
  },
  elderly_class: {
    kind: 'elderly_class',
    name: '老年课堂',
    description:
      'Elderly class: a clinic doctor explains vaccines to older residents (seats for 60 and over), then answers questions.',
    durationMinutes: 90,
    slots: [
      // seat for a resident aged 60 or more
      { key: 'seat', name: '听课座位', role: 'attendee', capacity: 40, minAge: 60 },
      // speaker: a doctor
      {
        key: 'speaker',
        name: '主讲医生',
        role: 'volunteer',
        capacity: 1,
        minNeeded: 1,
        requiredTags: ['medical'],
      },
    ],
  },
  parent_child: {
    kind: 'parent_child',
    name: '亲子活动',
    description:
      'Parent-child activity: families (one adult and children up to 14) take seats together; performers and helpers sign up as volunteers.',
    durationMinutes: 120,
    slots: [
      // family seats: an adult registers up to 4 children
      {
        key: 'family',
        name: '家庭席位',
        role: 'attendee',
        capacity: 60,
        maxPartySize: 5,
        companionMaxAge: 14,
        waitlist: true,
      },
      // performer
      { key: 'performer', name: '表演者', role: 'volunteer', capacity: 6 },
      // helper: games and order
      { key: 'helper', name: '志愿者', role: 'volunteer', capacity: 8, minNeeded: 4 },
    ],
  },
  home_visit: {
    kind: 'home_visit',
    name: '走访慰问',
    description:
      'Home visit: a pair of community cadres visits a household in difficulty or an older party member.',
    durationMinutes: 60,
    slots: [
      // visit pair
      { key: 'visit', name: '走访组', role: 'volunteer', capacity: 2, minNeeded: 2 },
    ],
  },
  inspection: {
    kind: 'inspection',
    name: '废品收购站整治',
    description:
      'Inspection: community workers and city-management officers (tag law-enforcement) check fire extinguishers, wiring and hygiene.',
    durationMinutes: 180,
    slots: [
      // community worker
      { key: 'worker', name: '社区工作者', role: 'volunteer', capacity: 4, minNeeded: 2 },
      // law-enforcement officer
      {
        key: 'officer',
        name: '执法队员',
        role: 'volunteer',
        capacity: 2,
        minNeeded: 1,
        requiredTags: ['law-enforcement'],
      },
    ],
  },
  general: {
    kind: 'general',
    name: '志愿服务',
    description:
      'General volunteer event (notice boards, fitness equipment, a complaint follow-up): one volunteer slot.',
    durationMinutes: 120,
    slots: [
      // volunteer
      { key: 'volunteer', name: '志愿者', role: 'volunteer', capacity: 10 },
    ],
  },
};
