import { createApp } from './app.js';
import { fixedClock } from './clock.js';
import { loadConfig } from './config.js';

export type OpenApiDocument = {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> } & Record<string, Record<string, unknown>>;
} & Record<string, unknown>;
export type OpenApiOperation = { responses: Record<string, { description: string; content?: Record<string, { schema?: JsonSchema }> }> } & Record<
  string,
  unknown
>;
export type JsonSchema = Record<string, unknown>;

// The API document as the running server answers it. Building the routes touches no database,
// so the document can be written (npm run api:doc) and checked without one.
export async function openApiDocument(): Promise<OpenApiDocument> {
  // WEB_DIR: any existing folder; the document does not need the built web app.
  const config = loadConfig({ NODE_ENV: 'test', AUDIT_KEY: 'document', WEB_DIR: '.' });
  const app = createApp({ db: undefined as never, clock: fixedClock('2026-01-01T00:00:00+08:00'), config });
  const doc = (await (await app.request('/api/openapi.json')).json()) as OpenApiDocument;
  // Paths and components in name order, so the checked-in file changes only where the API does.
  const components = Object.fromEntries(Object.entries(doc.components).map(([kind, items]) => [kind, sortedByKey(items)]));
  return { ...doc, paths: sortedByKey(doc.paths), components: components as OpenApiDocument['components'] };
}

const sortedByKey = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
