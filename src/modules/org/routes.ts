import { createRoute, z } from '@hono/zod-openapi';
import {
  actingUser,
  BoolQuery,
  createRouter,
  errorResponses,
  Id,
  IdParam,
  Int4,
  jsonBody,
  jsonResponse,
  PageQuery,
  QueryId,
  VersionField,
} from '../../http.js';
import { PHONE_PATTERN, UNIT_CODE_PATTERN } from './rules.js';
import { UNIT_KINDS } from './schema.js';
import { readUnitKindLabels, setUnitKindLabels } from './kind-labels.js';
import * as service from './service.js';

const UnitKindLabels = z.object({ labels: z.record(z.enum(UNIT_KINDS), z.string()), version: z.number() }).openapi('UnitKindLabels');
const UnitKind = z.enum(UNIT_KINDS).describe('city_dept 市直单位, town 乡镇街道, village 村居, vertical 垂直单位, group_office 领导小组办公室');
const Name = z.string().trim().min(1, '名称不能为空').max(100);
const Code = z.string().trim().regex(UNIT_CODE_PATTERN, '单位编码须为 1–32 位字母、数字、下划线或横线');
const Phone = z.union([z.literal(''), z.string().trim().regex(PHONE_PATTERN, '电话号码格式不正确')]);
const OptionalId = Id.nullable();

const UnitSchema = z
  .object({
    id: z.number(),
    parentId: z.number().nullable(),
    kind: UnitKind,
    code: z.string(),
    name: z.string(),
    headPersonId: z.number().nullable(),
    headName: z.string().nullable(),
    liaisonPersonId: z.number().nullable(),
    liaisonName: z.string().nullable(),
    sortOrder: z.number(),
    active: z.boolean(),
    version: z.number(),
  })
  .openapi('Unit');
const presentUnit = ({ path: _path, ...u }: z.infer<typeof UnitSchema> & { path: string }) => u;

const PersonSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    unitId: z.number().nullable(),
    unitName: z.string().nullable(),
    title: z.string(),
    phone: z.string(),
    isUnitHead: z.boolean().describe('是否为所在单位的主要负责人'),
    isUnitLiaison: z.boolean().describe('是否为所在单位的联络员'),
    active: z.boolean(),
    version: z.number(),
  })
  .openapi('Person');

const LeaderSchema = z
  .object({
    id: z.number(),
    personId: z.number(),
    name: z.string(),
    phone: z.string(),
    position: z.string(),
    portfolio: z.string(),
    units: z.array(z.object({ id: z.number(), name: z.string() })),
    sortOrder: z.number(),
    active: z.boolean(),
    version: z.number(),
  })
  .openapi('Leader');

const tags = ['组织机构'];

export const orgRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/units',
      tags,
      summary: '单位列表（树的扁平形式，按 parentId 组装）',
      request: { query: z.object({ includeInactive: BoolQuery }) },
      responses: { 200: jsonResponse(z.object({ items: z.array(UnitSchema) }), '单位'), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => {
      const rows = await service.listUnits(c.get('deps'), actingUser(c).actor, c.req.valid('query').includeInactive);
      return c.json({ items: rows.map(presentUnit) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/units/{id}',
      tags,
      summary: '单位详情',
      request: { params: IdParam },
      responses: { 200: jsonResponse(UnitSchema, '单位'), ...errorResponses },
    }),
    async (c) => c.json(presentUnit(await service.getUnit(c.get('deps'), actingUser(c).actor, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/unit-kinds',
      tags,
      summary: '单位类型的名称（本地称谓，如县直单位）',
      responses: { 200: jsonResponse(UnitKindLabels, '单位类型名称'), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => c.json(await readUnitKindLabels(c.get('deps'), actingUser(c).actor), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/unit-kinds',
      tags,
      summary: '设置单位类型的名称（系统管理员）',
      request: jsonBody(
        z.object({
          labels: z.object(Object.fromEntries(UNIT_KINDS.map((k) => [k, z.string().max(50)])) as Record<(typeof UNIT_KINDS)[number], z.ZodString>),
          version: Int4.min(0),
        }),
      ),
      responses: { 200: jsonResponse(UnitKindLabels, '已保存'), ...errorResponses },
    }),
    async (c) => c.json(await setUnitKindLabels(c.get('deps'), actingUser(c), c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/units',
      tags,
      summary: '新增单位',
      request: jsonBody(z.object({ parentId: OptionalId, kind: UnitKind, code: Code, name: Name, sortOrder: z.number().int().min(0).max(100_000).optional() })),
      responses: { 201: jsonResponse(UnitSchema, '已创建'), ...errorResponses },
    }),
    async (c) => c.json(presentUnit(await service.createUnit(c.get('deps'), actingUser(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/units/{id}',
      tags,
      summary: '修改单位',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            version: VersionField,
            name: Name.optional(),
            code: Code.optional(),
            kind: UnitKind.optional(),
            headPersonId: OptionalId.optional(),
            liaisonPersonId: OptionalId.optional(),
            sortOrder: z.number().int().min(0).max(100_000).optional(),
          }),
        ),
      },
      responses: { 200: jsonResponse(UnitSchema, '已修改'), ...errorResponses },
    }),
    async (c) => c.json(presentUnit(await service.updateUnit(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/units/{id}/move',
      tags,
      summary: '调整上级单位',
      request: { params: IdParam, ...jsonBody(z.object({ version: VersionField, parentId: OptionalId })) },
      responses: { 200: jsonResponse(UnitSchema, '已移动'), ...errorResponses },
    }),
    async (c) => c.json(presentUnit(await service.moveUnit(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/units/{id}/deactivate',
      tags,
      summary: '停用单位（单位有历史，不删除）',
      request: { params: IdParam, ...jsonBody(z.object({ version: VersionField, reason: z.string().trim().min(1, '请填写停用原因').max(500) })) },
      responses: { 200: jsonResponse(UnitSchema, '已停用'), ...errorResponses },
    }),
    async (c) =>
      c.json(presentUnit(await service.setUnitActive(c.get('deps'), actingUser(c), c.req.valid('param').id, { ...c.req.valid('json'), active: false })), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/units/{id}/activate',
      tags,
      summary: '启用单位',
      request: { params: IdParam, ...jsonBody(z.object({ version: VersionField })) },
      responses: { 200: jsonResponse(UnitSchema, '已启用'), ...errorResponses },
    }),
    async (c) =>
      c.json(presentUnit(await service.setUnitActive(c.get('deps'), actingUser(c), c.req.valid('param').id, { ...c.req.valid('json'), active: true })), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/people',
      tags,
      summary: '人员列表（按数据范围；按单位筛选时默认含下级单位）',
      request: {
        query: z.object({
          unitId: QueryId.optional(),
          exactUnit: BoolQuery.describe('true：只列 unitId 单位本身的人员，不含下级单位；默认含下级单位'),
          keyword: z.string().trim().max(50).optional(),
          includeInactive: BoolQuery,
          ...PageQuery,
        }),
      },
      responses: {
        200: jsonResponse(z.object({ items: z.array(PersonSchema), total: z.number() }), '人员'),
        401: errorResponses[401],
        403: errorResponses[403],
      },
    }),
    async (c) => c.json(await service.listPeople(c.get('deps'), actingUser(c).actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/people/{id}',
      tags,
      summary: '人员详情',
      request: { params: IdParam },
      responses: { 200: jsonResponse(PersonSchema, '人员'), ...errorResponses },
    }),
    async (c) => c.json(await service.getPerson(c.get('deps'), actingUser(c).actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/people',
      tags,
      summary: '新增人员',
      request: jsonBody(z.object({ name: Name, unitId: OptionalId, title: z.string().trim().max(50).default(''), phone: Phone.default('') })),
      responses: { 201: jsonResponse(PersonSchema, '已创建'), ...errorResponses },
    }),
    async (c) => c.json(await service.createPerson(c.get('deps'), actingUser(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/people/{id}',
      tags,
      summary: '修改人员',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            version: VersionField,
            name: Name.optional(),
            unitId: OptionalId.optional(),
            title: z.string().trim().max(50).optional(),
            phone: Phone.optional(),
          }),
        ),
      },
      responses: { 200: jsonResponse(PersonSchema, '已修改'), ...errorResponses },
    }),
    async (c) => c.json(await service.updatePerson(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/people/{id}/deactivate',
      tags,
      summary: '停用人员',
      request: { params: IdParam, ...jsonBody(z.object({ version: VersionField })) },
      responses: { 200: jsonResponse(PersonSchema, '已停用'), ...errorResponses },
    }),
    async (c) => c.json(await service.updatePerson(c.get('deps'), actingUser(c), c.req.valid('param').id, { ...c.req.valid('json'), active: false }), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/people/{id}/activate',
      tags,
      summary: '重新启用人员',
      request: { params: IdParam, ...jsonBody(z.object({ version: VersionField })) },
      responses: { 200: jsonResponse(PersonSchema, '已启用'), ...errorResponses },
    }),
    async (c) => c.json(await service.updatePerson(c.get('deps'), actingUser(c), c.req.valid('param').id, { ...c.req.valid('json'), active: true }), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/leaders',
      tags,
      summary: '县领导及分管',
      responses: { 200: jsonResponse(z.object({ items: z.array(LeaderSchema) }), '领导'), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => c.json({ items: await service.listLeaders(c.get('deps'), actingUser(c).actor) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/leaders',
      tags,
      summary: '新增县领导',
      request: jsonBody(
        z.object({
          name: Name,
          phone: Phone.default(''),
          position: z.string().trim().min(1, '请填写职务').max(50),
          portfolio: z.string().trim().max(500).default(''),
          unitIds: z.array(Id).max(500).default([]),
          sortOrder: z.number().int().min(0).max(100_000).optional(),
        }),
      ),
      responses: { 201: jsonResponse(LeaderSchema, '已创建'), ...errorResponses },
    }),
    async (c) => c.json(await service.createLeader(c.get('deps'), actingUser(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/leaders/{id}',
      tags,
      summary: '修改县领导及分管单位',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            version: VersionField,
            name: Name.optional(),
            phone: Phone.optional(),
            position: z.string().trim().min(1).max(50).optional(),
            portfolio: z.string().trim().max(500).optional(),
            unitIds: z.array(Id).max(500).optional(),
            sortOrder: z.number().int().min(0).max(100_000).optional(),
            active: z.boolean().optional(),
          }),
        ),
      },
      responses: { 200: jsonResponse(LeaderSchema, '已修改'), ...errorResponses },
    }),
    async (c) => c.json(await service.updateLeader(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
