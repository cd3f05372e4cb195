// The two events of the route suites, created through the API: a published Saturday morning
// of three slots (a crew with a waitlist, a solo seat without one, an audience of 60+), and a
// weekly vaccination clinic from its template.
import { type CallFn, expectStatus } from './fixture-calls.ts';

/** The one-off Saturday event of 王家园社区 (5 December 2026, 09:00-11:00 in Shanghai). */
export function dayEventInput(unitId: string) {
  return {
    unitId,
    kind: 'general',
    title: '擦洗宣传橱窗',
    start: '2026-12-05T09:00',
    durationMinutes: 120,
    location: { name: '王家园社区活动室', address: '平城区王家园路1号' },
    slots: [
      { key: 'crew', name: '志愿者', role: 'volunteer', capacity: 2, minNeeded: 2 },
      { key: 'solo', name: '组长', role: 'volunteer', capacity: 1, waitlist: false },
      {
        key: 'seat',
        name: '听众',
        role: 'attendee',
        capacity: 10,
        minAge: 60,
        maxPartySize: 3,
      },
    ],
    status: 'published',
  };
}

/** The weekly clinic from its template: Saturdays 08:00 from 12 December, 19 December excluded. */
export function clinicInput(unitId: string) {
  return {
    unitId,
    kind: 'vaccination_clinic',
    template: 'vaccination_clinic',
    title: '临时新冠疫苗接种点 · 王家园社区',
    start: '2026-12-12T08:00',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=4', exdates: ['2026-12-19T08:00'] },
  };
}

export interface SeededDayEvent {
  eventId: string;
  /** The shift id of each slot key of the one occurrence. */
  shiftOf: { crew: string; solo: string; seat: string };
}

/**
 * Creates the published day event in `unitId` and returns its shifts by slot key.
 *
 * @example
 * const { eventId, shiftOf } = await seedDayEvent(call, tokens.community, units.community);
 */
export async function seedDayEvent(
  call: CallFn,
  token: string,
  unitId: string,
): Promise<SeededDayEvent> {
  const created = await expectStatus(
    call(token, 'POST', '/v1/events', dayEventInput(unitId)),
    201,
    'day event',
  );
  const eventId = created.body.id as string;
  const occurrences = await expectStatus(
    call(token, 'GET', `/v1/events/${eventId}/occurrences`),
    200,
    'day event occurrences',
  );
  const shiftOf: Record<string, string> = {};
  for (const shift of occurrences.body.items[0].shifts) shiftOf[shift.slotKey] = shift.id;
  return { eventId, shiftOf: shiftOf as SeededDayEvent['shiftOf'] };
}

/**
 * Creates the clinic in `unitId` and publishes it; returns its id.
 *
 * @example
 * const clinicId = await seedClinic(call, tokens.community, units.community);
 */
export async function seedClinic(call: CallFn, token: string, unitId: string): Promise<string> {
  const created = await expectStatus(
    call(token, 'POST', '/v1/events', clinicInput(unitId)),
    201,
    'clinic',
  );
  await expectStatus(
    call(token, 'POST', `/v1/events/${created.body.id}/publish`),
    200,
    'clinic published',
  );
  return created.body.id as string;
}
