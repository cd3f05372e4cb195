// The calls every route fixture makes through the API (a unit, an organizer token, a person,
// a volunteer token), each failing loudly when the answer is not the expected one, so that a
// broken fixture reads as a fixture failure and not as the suite's own assertion.
import type { Call } from '../support/api-client.ts';

/** The shape of `clientFor(app)`: a bearer token per call, JSON bodies. */
export type CallFn = (
  token: string | undefined,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT' | 'HEAD' | 'OPTIONS',
  url: string,
  payload?: unknown,
  headers?: Record<string, string>,
) => Promise<Call>;

/** Fails loudly when a fixture call does not answer as expected. */
export async function expectStatus(res: Promise<Call>, status: number, what: string) {
  const answer = await res;
  if (answer.status !== status) {
    throw new Error(`fixture: ${what} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
  }
  return answer;
}

/**
 * Creates a unit (top-level without `parentId`) and returns its id.
 *
 * @example
 * const district = await createUnit(call, admin, '平城区', 'district');
 */
export async function createUnit(
  call: CallFn,
  token: string,
  name: string,
  kind: string,
  parentId?: string,
): Promise<string> {
  const res = call(token, 'POST', '/v1/units', { name, kind, ...(parentId ? { parentId } : {}) });
  return (await expectStatus(res, 201, `unit ${name}`)).body.id as string;
}

/**
 * An organizer token of `unitId`, created by `token`; returns the secret.
 *
 * @example
 * const organizer = await organizerToken(call, admin, district);
 */
export async function organizerToken(call: CallFn, token: string, unitId: string) {
  const res = call(token, 'POST', '/v1/tokens', { role: 'organizer', unitId });
  return (await expectStatus(res, 201, 'organizer token')).body.token as string;
}

/**
 * Creates a person of `unitId` (`extra`: phone, birthDate, tags) and returns its id and feed key.
 *
 * @example
 * const wang = await createPerson(call, admin, '王芳', community, { tags: ['medical'] });
 */
export async function createPerson(
  call: CallFn,
  token: string,
  name: string,
  unitId: string,
  extra: object = {},
): Promise<{ id: string }> {
  const res = call(token, 'POST', '/v1/people', { name, unitId, ...extra });
  return (await expectStatus(res, 201, `person ${name}`)).body;
}

/**
 * A volunteer token for `personId`, created by `token` (an organizer of the person's unit).
 *
 * @example
 * const wangToken = await volunteerToken(call, tokens.community, people.wang);
 */
export async function volunteerToken(call: CallFn, token: string, personId: string) {
  const res = call(token, 'POST', '/v1/tokens', { role: 'volunteer', personId });
  return (await expectStatus(res, 201, 'volunteer token')).body.token as string;
}
