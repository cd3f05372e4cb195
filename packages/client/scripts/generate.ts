// Writes src/generated/rota-api.ts from the server's own OpenAPI document.
// Run: npm run generate -w @rota/client
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { GENERATED_PATH, readOpenApiDocument, renderApiTypes } from './render-api-types.ts';

const target = fileURLToPath(new URL(`../${GENERATED_PATH}`, import.meta.url));
await writeFile(target, await renderApiTypes(await readOpenApiDocument()));
process.stdout.write(`wrote ${target}\n`);
