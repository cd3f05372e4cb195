// The HTTP floor: the real app (every plugin, route and schema of POST /v1/signups) over a stub
// store that answers a signup at no cost. What this machine's Node HTTP layer alone can serve,
// in the same run as the real figures: the ceiling for any store behind it.
import { randomUUID } from 'node:crypto';
import type { Signup } from '@rota/core';
import type { RotaDb, TokenInfo } from '@rota/db';
import { buildApp } from '../../src/build-app.ts';
import { createFakeDb } from '../../test/support/fake-db.ts';

const db = createFakeDb();
// The bench's residents: token `bench-volunteer-N` speaks for person `bench-person-N`.
db.tokens.verify = async (secret: string): Promise<TokenInfo | undefined> => {
  const n = /^bench-volunteer-(\d+)$/.exec(secret)?.[1];
  if (n === undefined) return undefined;
  return {
    id: `token-${n}`,
    role: 'volunteer',
    unitId: null,
    personId: `bench-person-${n}`,
    label: null,
  };
};
const create: RotaDb['signups']['create'] = async (command, now): Promise<Signup> => ({
  id: randomUUID(),
  shiftId: command.shiftId,
  personId: command.personId,
  seats: command.seats,
  companions: command.companions,
  note: command.note ?? null,
  status: 'confirmed',
  waitlistPosition: null,
  createdAt: now,
  cancelledAt: null,
  cancelReason: null,
  checkedInAt: null,
  checkedOutAt: null,
  noShow: false,
  walkIn: false,
});
// Only `create` is reached by the load; the fake's other signup methods stay unimplemented.
db.signups = { ...db.signups, create };
const app = await buildApp({ db, logger: false });
await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
