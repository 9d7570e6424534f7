import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, Id, IdParam, Int4, jsonBody, jsonResponse, PageQuery, QueryId, requirePermission } from '../../http.js';
import { DOT_COLOURS, STUDY_KINDS, STUDY_STATUSES } from '../../shared/labels.js';
import * as service from './service.js';

const tags = ['学习台账'];
const DayText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const Kind = z
  .enum(STUDY_KINDS)
  .describe('party_congress：支部党员大会；branch_committee：支部委员会；group_meeting：党小组会；party_lecture：党课；theory_study：理论学习');
const Colour = z.enum(DOT_COLOURS).describe('red：未完成（过期未登记或补学逾期）；blue：推进中；green：已完成');

const Session = z
  .object({
    id: z.number(),
    unitId: z.number(),
    unitName: z.string(),
    kind: Kind,
    title: z.string(),
    day: z.string(),
    place: z.string(),
    topic: z.string(),
    status: z.enum(STUDY_STATUSES),
    version: z.number(),
    attended: z.number(),
    absent: z.number(),
    openMakeups: z.number().describe('待补学人数'),
    overdueMakeups: z.number().describe('补学逾期人数'),
    colour: Colour,
  })
  .openapi('StudySession');

const Attendance = z
  .object({
    id: z.number(),
    personId: z.number(),
    name: z.string(),
    title: z.string(),
    present: z.boolean(),
    absenceReason: z.string(),
    makeupDue: z.string().nullable(),
    madeUpOn: z.string().nullable(),
    makeupNote: z.string(),
  })
  .openapi('StudyAttendance');

const SessionDetail = Session.extend({
  attendance: z.array(Attendance),
  roster: z.array(z.object({ id: z.number(), name: z.string(), title: z.string() })).describe('尚未登记出勤时：本单位在册人员'),
  mayManage: z.boolean(),
}).openapi('StudySessionDetail');

const Makeup = z
  .object({
    id: z.number(),
    sessionId: z.number(),
    sessionTitle: z.string(),
    sessionKind: Kind,
    sessionDay: z.string(),
    unitName: z.string(),
    absenceReason: z.string(),
    makeupDue: z.string().nullable(),
    madeUpOn: z.string().nullable(),
    makeupNote: z.string(),
    overdue: z.boolean(),
  })
  .openapi('StudyMakeup');

const Tally = {
  total: z.number().describe('应到人次'),
  present: z.number(),
  madeUp: z.number(),
  open: z.number(),
  rate: z.number().nullable().describe('完成率（实到与补学 / 应到，%）'),
};
const Completion = z
  .object({
    year: z.number(),
    units: z.array(z.object({ unitId: z.number(), unitName: z.string(), held: z.number(), planned: z.number(), ...Tally })),
    people: z.array(z.object({ personId: z.number(), name: z.string(), title: z.string(), ...Tally })),
  })
  .openapi('StudyCompletion');

type SessionView = Awaited<ReturnType<typeof service.listSessions>>['items'][number];
const presentSession = (s: SessionView): z.infer<typeof Session> => ({
  id: s.id,
  unitId: s.unitId,
  unitName: s.unitName,
  kind: s.kind,
  title: s.title,
  day: s.day,
  place: s.place,
  topic: s.topic,
  status: s.status,
  version: s.version,
  attended: s.attended,
  absent: s.absent,
  openMakeups: s.openMakeups,
  overdueMakeups: s.overdueMakeups,
  colour: s.colour,
});
const presentDetail = (d: Awaited<ReturnType<typeof service.getSession>>): z.infer<typeof SessionDetail> => ({
  ...presentSession(d),
  attendance: d.attendance.map((a) => ({
    id: a.id,
    personId: a.personId,
    name: a.name,
    title: a.title,
    present: a.present,
    absenceReason: a.absenceReason,
    makeupDue: a.makeupDue,
    madeUpOn: a.madeUpOn,
    makeupNote: a.makeupNote,
  })),
  roster: d.roster.map((p) => ({ id: p.id, name: p.name, title: p.title })),
  mayManage: d.mayManage,
});
const presentMakeup = (m: Awaited<ReturnType<typeof service.myMakeups>>[number]): z.infer<typeof Makeup> => ({
  id: m.id,
  sessionId: m.sessionId,
  sessionTitle: m.sessionTitle,
  sessionKind: m.sessionKind,
  sessionDay: m.sessionDay,
  unitName: m.unitName,
  absenceReason: m.absenceReason,
  makeupDue: m.makeupDue,
  madeUpOn: m.madeUpOn,
  makeupNote: m.makeupNote,
  overdue: m.overdue,
});

export const studyRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/study/sessions',
      tags,
      summary: '学习活动（三会一课、理论学习）列表，数据范围内，按日期倒序分页',
      request: { query: z.object({ unitId: QueryId.optional(), from: DayText.optional(), to: DayText.optional(), ...PageQuery }) },
      responses: { 200: jsonResponse(z.object({ total: z.number(), items: z.array(Session) }), '学习活动'), ...errorResponses },
    }),
    async (c) => {
      const r = await service.listSessions(c.get('deps'), actingUser(c).actor, c.req.valid('query'));
      return c.json({ total: r.total, items: r.items.map(presentSession) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/study/sessions',
      tags,
      summary: '登记学习活动计划（单位负责人、联络员）',
      request: {
        ...jsonBody(
          z.object({
            unitId: Id,
            kind: Kind,
            title: z.string().max(100, '不超过 100 字'),
            day: DayText,
            place: z.string().max(100, '不超过 100 字').default(''),
            topic: z.string().max(1000, '不超过 1000 字').default(''),
          }),
        ),
      },
      responses: { 201: jsonResponse(SessionDetail, '已登记'), ...errorResponses },
    }),
    async (c) => c.json(presentDetail(await service.createSession(c.get('deps'), actingUser(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/study/sessions/{id}',
      tags,
      summary: '学习活动及出勤',
      request: { params: IdParam },
      responses: { 200: jsonResponse(SessionDetail, '学习活动'), ...errorResponses },
    }),
    async (c) => c.json(presentDetail(await service.getSession(c.get('deps'), actingUser(c).actor, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/study/sessions/{id}/attendance',
      tags,
      summary: '登记出勤：本单位在册人员除缺席者外均为出席；缺席者生成补学事项并收到提醒',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            version: Int4,
            absent: z.array(z.object({ personId: Id, reason: z.string().max(200, '不超过 200 字') })).max(500),
          }),
        ),
      },
      responses: { 200: jsonResponse(SessionDetail, '已登记出勤'), ...errorResponses },
    }),
    async (c) => c.json(presentDetail(await service.recordAttendance(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/study/makeups/mine',
      tags,
      summary: '我的补学事项（未完成的在前）',
      responses: { 200: jsonResponse(z.object({ items: z.array(Makeup) }), '补学事项'), ...errorResponses },
    }),
    async (c) => c.json({ items: (await service.myMakeups(c.get('deps'), actingUser(c).actor)).map(presentMakeup) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/study/makeups/{id}',
      tags,
      summary: '登记补学（本人，或本单位负责人、联络员代为登记）',
      request: { params: IdParam, ...jsonBody(z.object({ day: DayText, note: z.string().max(500, '不超过 500 字') })) },
      responses: { 200: jsonResponse(z.object({ items: z.array(Makeup) }), '此人的补学事项'), ...errorResponses },
    }),
    async (c) => {
      const items = await service.recordMakeup(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json({ items: items.map(presentMakeup) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/study/completion',
      tags,
      middleware: [requirePermission('study.read')] as const,
      summary: '学习完成情况：数据范围内各单位，以及指定单位的每个人',
      request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100), unitId: QueryId.optional() }) },
      responses: { 200: jsonResponse(Completion, '完成情况'), ...errorResponses },
    }),
    async (c) => {
      const r = await service.completion(c.get('deps'), actingUser(c).actor, c.req.valid('query'));
      const tally = (t: { total: number; present: number; madeUp: number; open: number; rate: number | null }) => ({
        total: t.total,
        present: t.present,
        madeUp: t.madeUp,
        open: t.open,
        rate: t.rate,
      });
      return c.json(
        {
          year: r.year,
          units: r.units.map((u) => ({ unitId: u.unitId, unitName: u.unitName, held: u.held, planned: u.planned, ...tally(u) })),
          people: r.people.map((p) => ({ personId: p.personId, name: p.name, title: p.title, ...tally(p) })),
        },
        200,
      );
    },
  );
