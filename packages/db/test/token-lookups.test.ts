// Token verification coalesces the lookups of one event-loop turn into one statement; each
// caller must still get its own token's answer, and a deleted token must stop working at once
// (nothing is cached).
import { createTestDatabase } from '@rota/db/testing';
import t from 'tap';
import { backends } from './fixtures/fixtures.ts';

for (const backend of backends) {
  t.test(backend, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    t.teardown(drop);
    const unit = await db.units.create({ name: '永泰街道', kind: 'subdistrict' });
    const person = await db.people.create({ name: '王芳', unitId: unit.id });
    const admin = await db.tokens.create({ role: 'admin', label: 'admin' });
    const organizer = await db.tokens.create({ role: 'organizer', unitId: unit.id });
    const volunteer = await db.tokens.create({ role: 'volunteer', personId: person.id });

    t.test('concurrent lookups each get their own answer', async (t) => {
      const secrets = Array.from(
        { length: 60 },
        (_, i) => [admin.token, organizer.token, volunteer.token, `rota_unknown_${i}`][i % 4]!,
      );
      const answers = await Promise.all(secrets.map((secret) => db.tokens.verify(secret)));
      answers.forEach((answer, i) => {
        const expected = [admin, organizer, volunteer, undefined][i % 4];
        if (expected === undefined) t.equal(answer, undefined, `lookup ${i}: unknown`);
        else t.match(answer, { id: expected.id, role: expected.role }, `lookup ${i}`);
      });
      t.match(await db.tokens.verify(volunteer.token), { personId: person.id });
    });

    t.test('a deleted token stops working at once', async (t) => {
      const doomed = await db.tokens.create({ role: 'volunteer', personId: person.id });
      t.ok(await db.tokens.verify(doomed.token));
      t.equal(await db.tokens.delete(doomed.id), true);
      t.equal(await db.tokens.verify(doomed.token), undefined);
      t.ok(await db.tokens.verify(volunteer.token), 'the others still work');
    });
  });
}
