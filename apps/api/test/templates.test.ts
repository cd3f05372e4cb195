// Templates: every signed-in caller, a volunteer included, reads the event templates. Runs on
// PGlite, and on PostgreSQL when DATABASE_URL is set.
import t from 'tap';
import { createPerson, createUnit, volunteerToken } from './helpers/fixture-calls.ts';
import { NOW } from './helpers/unit-tree.ts';
import { backends } from './support/backends.ts';
import { buildTestApp } from './support/build-test-app.ts';

for (const backend of backends) {
  t.test(`templates on ${backend}`, async (t) => {
    const { call, admin } = await buildTestApp(t, { now: NOW, backend });
    const unit = await createUnit(call, admin, '王家园社区', 'community');
    const person = await createPerson(call, admin, '王芳', unit);
    const wang = await volunteerToken(call, admin, person.id);

    const res = await call(wang, 'GET', '/v1/templates');
    t.equal(res.status, 200);
    const clinic = res.body.items.find((x: { kind: string }) => x.kind === 'vaccination_clinic');
    t.ok(clinic, 'the vaccination clinic template');
    t.same(
      clinic.slots.map((s: { key: string }) => s.key),
      ['registrar', 'vaccinator', 'usher', 'observer', 'appointment'],
      'its staff slots, then the residents’ appointments',
    );
    t.match(
      clinic.slots.find((s: { key: string }) => s.key === 'appointment'),
      { role: 'attendee', durationMinutes: 30, repeatEveryMinutes: 30, minAge: 18 },
    );
  });
}
