import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JsonSchema, openApiDocument, type OpenApiOperation } from '../src/openapi-document.js';
import { call, demoApp, login, type TestApp } from './api.js';
import { testDeps, type TestDeps } from './db.js';
import { buildTaskInput, unitId } from './factories.js';

// The API document is the contract the web client is generated from: every operation says what it answers,
// the checked-in copy is current, and real answers match what the document declares.

const doc = await openApiDocument();
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => HTTP_METHODS.includes(method))
    .map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, op })),
);

const resolve = (schema: JsonSchema): JsonSchema => {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const found = doc.components.schemas[ref.replace('#/components/schemas/', '')];
  if (!found) throw new Error(`unknown schema ${ref}`);
  return found;
};
const asSchemas = (v: unknown) => (Array.isArray(v) ? (v as JsonSchema[]) : []);
const isEmptySchema = (s: JsonSchema) => Object.keys(s).every((k) => k === 'description' || k === 'nullable');

// Objects declared without any property (z.object({}).passthrough()) say nothing about the answer.
function untypedObjects(schema: JsonSchema, at: string, seen = new Set<string>()): string[] {
  if (typeof schema.$ref === 'string') {
    if (seen.has(schema.$ref)) return [];
    seen.add(schema.$ref);
    return untypedObjects(resolve(schema), schema.$ref.replace('#/components/schemas/', ''), seen);
  }
  const found: string[] = [];
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties && Object.keys(properties).length === 0) found.push(at);
  for (const [name, p] of Object.entries(properties ?? {})) found.push(...untypedObjects(p, `${at}.${name}`, seen));
  if (schema.items) found.push(...untypedObjects(schema.items as JsonSchema, `${at}[]`, seen));
  for (const s of [...asSchemas(schema.allOf), ...asSchemas(schema.anyOf), ...asSchemas(schema.oneOf)]) found.push(...untypedObjects(s, at, seen));
  return found;
}

// What is missing from an operation's success answers; empty when each one is declared.
function undeclared(op: OpenApiOperation): string[] {
  const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
  if (success.length === 0) return ['no success response'];
  return success.flatMap(([status, response]) => {
    if (status === '204') return response.content ? ['204 declares a body'] : [];
    const content = Object.entries(response.content ?? {});
    if (content.length === 0) return [`${status} has no content`];
    return content.flatMap(([type, media]) => {
      if (!media.schema || isEmptySchema(resolve(media.schema))) return [`${status} ${type} has no schema`];
      if (type === 'application/json') return untypedObjects(media.schema, 'body').map((at) => `${status} ${at} is an object without properties`);
      return media.schema.type === 'string' && media.schema.format === 'binary' ? [] : [`${status} ${type} is not declared as binary`];
    });
  });
}

// Checks a value against a schema of the document. Objects are closed: a key the schema does not name is an error,
// so an answer carrying more than its declaration fails too.
function validate(schema: JsonSchema, value: unknown, at: string, siblings: Set<string> = new Set()): string[] {
  schema = resolve(schema);
  if (value === null) {
    const nullable = schema.nullable === true || asSchemas(schema.allOf).some((s) => resolve(s).nullable === true);
    return nullable ? [] : [`${at}: null is not allowed`];
  }
  const allOf = asSchemas(schema.allOf).filter((s) => !isEmptySchema(s));
  if (allOf.length) {
    const keys = new Set([...siblings, ...allOf.flatMap((s) => Object.keys((resolve(s).properties as object | undefined) ?? {}))]);
    return allOf.flatMap((s) => validate(s, value, at, keys));
  }
  const alternatives = [...asSchemas(schema.anyOf), ...asSchemas(schema.oneOf)];
  if (alternatives.length) return alternatives.some((s) => validate(s, value, at).length === 0) ? [] : [`${at}: matches none of the alternatives`];
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`];
  switch (schema.type) {
    case 'string':
      return typeof value === 'string' ? [] : [`${at}: expected a string`];
    case 'number':
    case 'integer':
      return typeof value === 'number' ? [] : [`${at}: expected a number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: expected a boolean`];
    case 'array':
      if (!Array.isArray(value)) return [`${at}: expected an array`];
      return value.flatMap((v, i) => validate(schema.items as JsonSchema, v, `${at}[${i}]`));
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: expected an object`];
      const record = value as Record<string, unknown>;
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = (schema.required ?? []) as string[];
      const additional = schema.additionalProperties as JsonSchema | undefined;
      return [
        ...required.filter((k) => !(k in record)).map((k) => `${at}.${k}: missing`),
        ...Object.entries(record).flatMap(([k, v]) => {
          if (properties[k]) return v === undefined ? [] : validate(properties[k], v, `${at}.${k}`);
          if (additional) return validate(additional, v, `${at}.${k}`);
          return siblings.has(k) ? [] : [`${at}.${k}: not declared`];
        }),
      ];
    }
    default:
      return [];
  }
}

// The operation a concrete URL answers to: a literal segment beats a path parameter.
function operationOf(method: string, url: string) {
  const path = url.split('?')[0]!;
  const matches = operations.filter((o) => o.method === method && new RegExp(`^${o.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path));
  return matches.sort((a, b) => a.path.split('{').length - b.path.split('{').length)[0];
}

describe('every operation declares its response', () => {
  it('documents the whole API', () => {
    expect(operations.length).toBeGreaterThan(100);
  });

  it('each success response has a schema (204s declare no body, files are binary)', () => {
    const problems = operations.flatMap((o) => undeclared(o.op).map((p) => `${o.name}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('finds an operation without a response schema', () => {
    const bare: OpenApiOperation = { responses: { 200: { description: '结果' } } };
    const loose: OpenApiOperation = {
      responses: { 200: { description: '结果', content: { 'application/json': { schema: { type: 'object', properties: {}, additionalProperties: {} } } } } },
    };
    expect(undeclared(bare)).toEqual(['200 has no content']);
    expect(undeclared(loose)).toEqual(['200 body is an object without properties']);
    expect(undeclared({ responses: { 204: { description: '已删除' } } })).toEqual([]);
  });

  it('web/src/api/openapi.json is the current document (npm run api:doc writes it)', () => {
    const written = fs.readFileSync(new URL('../web/src/api/openapi.json', import.meta.url), 'utf8');
    expect(JSON.parse(written)).toEqual(doc);
  });
});

describe('answers match their declared schema', () => {
  let deps: TestDeps;
  let app: TestApp;
  const cookies: Record<string, string> = {};
  const validated = new Set<string>();

  beforeAll(async () => {
    deps = await testDeps();
    app = await demoApp(deps);
    for (const u of ['duchashi', 'lianluo', 'danwei', 'lingdao']) cookies[u] = await login(app, u);
  });
  afterAll(() => deps?.close());

  // Calls the API and checks the answer against the schema its operation declares for the status.
  async function checked(who: string, method: string, url: string, body?: unknown) {
    const res = await call(app, cookies[who]!, method, `/api/v1${url}`, body);
    const found = operationOf(method, `/api/v1${url}`);
    expect(found, `${method} ${url} is not documented`).toBeDefined();
    const declared = found!.op.responses[String(res.status)];
    expect(declared, `${found!.name} answered ${res.status}, which it does not declare`).toBeDefined();
    const schema = declared!.content?.['application/json']?.schema;
    if (schema) expect(validate(schema, res.body, found!.name)).toEqual([]);
    else expect(res.body).toBeNull();
    validated.add(found!.name);
    return res;
  }

  it('a task through assignment, report, chasing and closing', async () => {
    const t01 = await unitId(deps.db, 'T01');
    const input = buildTaskInput({
      leadUnitId: t01,
      milestones: [{ name: '完成设计', dueDate: '2026-03-20' }],
      indicators: [{ name: '改造小区', target: 3, unitOfMeasure: '个' }],
      reportCadence: { kind: 'weekly', weekday: 5 },
    });
    const created = await checked('duchashi', 'POST', '/tasks', input);
    expect(created.status).toBe(201);
    const id = created.body!.id as number;
    expect((await checked('duchashi', 'POST', `/tasks/${id}/assign`, {})).status).toBe(200);
    expect((await checked('lianluo', 'POST', `/tasks/${id}/sign`, {})).status).toBe(200);
    expect((await checked('lianluo', 'POST', `/tasks/${id}/reports`, { text: '已完成设计', percent: 40 })).status).toBe(201);
    expect((await checked('duchashi', 'POST', `/tasks/${id}/urge`, { note: '请加快' })).status).toBe(204);
    await checked('lianluo', 'GET', `/tasks/${id}`);
    await checked('lianluo', 'GET', `/tasks/${id}/history`);
    await checked('duchashi', 'GET', '/tasks?pageSize=5');
    await checked('lianluo', 'GET', `/tasks/${id}/chasing`);
    await checked('duchashi', 'GET', `/chasing/due-dates?taskIds=${id}`);
    await checked('duchashi', 'GET', '/chasing/board');
    const today = await checked('lianluo', 'GET', '/chasing/today');
    expect(today.body!.toSign.length).toBeGreaterThan(0);
    await checked('duchashi', 'GET', '/time-limit-rules');
    await checked('duchashi', 'GET', '/chasing/settings');
    const closing = await checked('lianluo', 'POST', `/tasks/${id}/closing-requests`, { summary: '已完成', finishedOn: '2026-03-25' });
    expect(closing.status).toBe(201);
    await checked('duchashi', 'POST', `/closing-requests/${closing.body!.id}/site-checks`, { checkedOn: '2026-03-25', notes: '现场核实' });
    await checked('duchashi', 'GET', `/closing-requests/${closing.body!.id}`);
    await checked('duchashi', 'GET', '/closing-requests');
    await checked('lianluo', 'GET', `/tasks/${id}/closing-requests`);
    // A refusal answers with the declared error body.
    expect((await checked('lianluo', 'PUT', `/tasks/${id}`, { ...input, version: 1 })).status).toBe(403);
  });

  it('an interview', async () => {
    const t01 = await unitId(deps.db, 'T01');
    await checked('duchashi', 'GET', `/interviews/suggest?unitId=${t01}`);
    const proposed = await checked('duchashi', 'POST', '/interviews', { unitId: t01, reason: '工作进展缓慢', taskIds: [], level: 'organisation_head' });
    expect(proposed.status).toBe(201);
    await checked('lingdao', 'POST', `/interviews/${proposed.body!.id}/approve`, { note: '同意' });
    await checked('duchashi', 'GET', '/interviews');
    await checked('duchashi', 'GET', '/interviews/flags');
  });

  it('a monthly plan from proposal to draft', async () => {
    const t01 = await unitId(deps.db, 'T01');
    const plan = await checked('duchashi', 'POST', '/plans', { kind: 'monthly', period: '2026-04' });
    expect(plan.status).toBe(201);
    const proposal = await checked('lianluo', 'POST', `/plans/${plan.body!.id}/proposals`, {
      title: '城区道路整治',
      deadline: '2026-04-30',
      milestones: [{ name: '完成摸排', dueDate: '2026-04-10' }],
    });
    expect(proposal.status).toBe(201);
    await checked('danwei', 'POST', `/proposals/${proposal.body!.id}/submit`);
    await checked('lingdao', 'PATCH', `/proposals/${proposal.body!.id}`, { version: 2, measures: '分段施工', reason: '补充措施' });
    // Only approved proposals join the draft (a carried task's too).
    await checked('lingdao', 'POST', `/proposals/${proposal.body!.id}/approve`, {});
    const other = await checked('lianluo', 'POST', `/plans/${plan.body!.id}/proposals`, { title: '撤回的申报', deadline: '2026-04-30' });
    await checked('lianluo', 'POST', `/proposals/${other.body!.id}/withdraw`, { version: 1, reason: '不再申报' });
    await checked('lianluo', 'GET', `/plans/${plan.body!.id}/proposals`);
    await checked('lianluo', 'GET', `/proposals/${proposal.body!.id}`);
    await checked('duchashi', 'GET', `/plans/${plan.body!.id}`);
    await checked('duchashi', 'POST', `/plans/${plan.body!.id}/advance`);
    await checked('duchashi', 'POST', `/plans/${plan.body!.id}/advance`);
    await checked('duchashi', 'POST', `/plans/${plan.body!.id}/consolidate`);
    const draft = await checked('duchashi', 'GET', `/plans/${plan.body!.id}/draft`);
    expect(draft.body!.groups.length).toBeGreaterThan(0);
    await checked('lianluo', 'GET', `/plans/${plan.body!.id}/units/${t01}/sheet`);
  });

  it('covered the operations this file exercises', () => {
    expect(validated.size).toBeGreaterThan(30);
  });
});
