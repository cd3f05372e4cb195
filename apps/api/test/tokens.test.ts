// Volunteer tokens: an organizer issues them for the people of their subtree and revokes
// them; a revoked token is unknown. (Organizer tokens: units.test.ts; every route by every
// kind of token: authorization-matrix.test.ts.) Runs on PGlite, and on PostgreSQL when
// DATABASE_URL is set.
import t from 'tap';
import { seedCommunity } from './helpers/seed-community.ts';
import { NOW } from './helpers/unit-tree.ts';
import { backends } from './support/backends.ts';
import { buildTestApp } from './support/build-test-app.ts';

for (const backend of backends) {
  t.test(`tokens on ${backend}`, async (t) => {
    const { call, admin } = await buildTestApp(t, { now: NOW, backend });
    const { people, tokens } = await seedCommunity(call, admin);

    for (const key of ['wang', 'li', 'zhao', 'chen'] as const) {
      const token = await call(tokens.community, 'POST', '/v1/tokens', {
        role: 'volunteer',
        personId: people[key],
      });
      t.equal(token.status, 201);
      t.match(token.body, { role: 'volunteer', personId: people[key] });
    }
    t.equal(
      (
        await call(tokens.otherCommunity, 'POST', '/v1/tokens', {
          role: 'volunteer',
          personId: people.wang,
        })
      ).status,
      403,
      'no token for a person outside the subtree',
    );
    t.equal(
      (
        await call(tokens.community, 'POST', '/v1/tokens', {
          role: 'volunteer',
          personId: 'nope',
        })
      ).status,
      404,
    );

    // Revoking: the organizer who could create it; then the token is unknown.
    const spare = await call(tokens.community, 'POST', '/v1/tokens', {
      role: 'volunteer',
      personId: people.chen,
    });
    t.equal((await call(tokens.sibling, 'DELETE', `/v1/tokens/${spare.body.id}`)).status, 403);
    t.equal((await call(tokens.community, 'DELETE', `/v1/tokens/${spare.body.id}`)).status, 204);
    t.equal((await call(spare.body.token, 'GET', '/v1/templates')).status, 401);
    t.equal((await call(tokens.community, 'DELETE', `/v1/tokens/${spare.body.id}`)).status, 404);
  });
}
