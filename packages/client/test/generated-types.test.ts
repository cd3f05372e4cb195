// The committed generated types must match the server's OpenAPI document as it is now:
// change a route's schema and this fails until `npm run generate -w @rota/client` is run.
import { readFile } from 'node:fs/promises';
import t from 'tap';
import {
  GENERATED_PATH,
  readOpenApiDocument,
  renderApiTypes,
} from '../scripts/render-api-types.ts';

t.test('src/generated/rota-api.ts is up to date with GET /openapi.json', async (t) => {
  const committed = await readFile(new URL(`../${GENERATED_PATH}`, import.meta.url), 'utf8');
  const fresh = await renderApiTypes(await readOpenApiDocument());
  t.ok(
    committed === fresh,
    `${GENERATED_PATH} matches the server (if not: npm run generate -w @rota/client)`,
  );
});
