import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, Id, IdParam, Int4, jsonBody, jsonResponse, QueryId, monthText } from '../../http.js';
import { FRONTLINE_ROLES, CADRE_GRADES } from '../../shared/labels.js';
import type { AssessmentRow, ConfirmationRow, FrontlineDayRow, WorkLogRow } from './store.js';
import * as service from './service.js';

const tags = ['干部记实'];

const CadreGrade = z.enum(CADRE_GRADES).describe('good：好；fairly_good：较好；average：一般；poor：较差');
const FrontlineRole = z
  .enum(FRONTLINE_ROLES)
  .describe('county_leader：县领导；department_head：县直部门主要负责人；town_secretary：乡镇（街道）党（工）委书记');
const DayText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const WeekText = z.string().regex(/^\d{4}-W\d{2}$/, '周的格式应为 YYYY-Www，如 2026-W15');
const QuarterText = z.string().regex(/^\d{4}-Q[1-4]$/, '季度格式应为 YYYY-Qn，如 2026-Q3');
const Text = (max: number) => z.string().max(max, `不超过 ${max} 字`);

const Settings = z
  .object({
    countyLeaderDays: Int4.describe('县领导年度一线工作日目标（天）'),
    departmentHeadDays: Int4.describe('县直部门主要负责人年度一线工作日目标（天）'),
    townSecretaryDays: Int4.describe('乡镇（街道）党（工）委书记年度一线工作日目标（天）'),
    logGraceDays: Int4.describe('周记实补填宽限：周日之后还可填写的天数，过后锁定'),
    version: Int4.min(0).describe('乐观锁版本号：读取时的 version（0 表示尚未保存过，取默认值）'),
  })
  .openapi('RecordsSettings');

const Person = z
  .object({ id: z.number(), name: z.string(), title: z.string(), unitId: z.number().nullable(), unitName: z.string().nullable() })
  .openapi('RecordsPerson');

const WorkLog = z
  .object({
    id: z.number(),
    week: z.string(),
    done: z.string(),
    planned: z.string(),
    version: z.number(),
    updatedAt: z.string(),
    lockDay: z.string().describe('最后可填写的一天（周日加宽限天数），过后锁定'),
    editable: z.boolean().describe('本人现在还能修改'),
  })
  .openapi('WorkLog');

const FrontlineDay = z
  .object({ id: z.number(), day: z.string(), place: z.string(), purpose: z.string(), loggedByName: z.string(), createdAt: z.string() })
  .openapi('FrontlineDay');

const Assessment = z
  .object({
    id: z.number(),
    personId: z.number(),
    month: z.string(),
    grade: CadreGrade,
    comment: z.string(),
    assessedByName: z.string(),
    version: z.number(),
    updatedAt: z.string(),
  })
  .openapi('MonthlyAssessment');

const Confirmation = z
  .object({
    id: z.number(),
    personId: z.number(),
    quarter: z.string(),
    grade: CadreGrade,
    suggestedGrade: CadreGrade.nullable().describe('月度考核建议得出的等次（出现最多者，并列取最近月份的）；无建议时为 null'),
    reason: z.string(),
    confirmedByName: z.string(),
    confirmedAt: z.string(),
  })
  .openapi('QuarterConfirmation');

const Pace = z
  .object({
    day: z.string().describe('按此日计算进度'),
    target: z.number().describe('年度目标（天）'),
    done: z.number().describe('当年 1 月 1 日至该日已登记的一线工作日'),
    expected: z.number().describe('按进度应有：⌊目标 × 已过天数（含该日）/ 全年天数⌋'),
    behind: z.boolean(),
    short: z.number().describe('落后天数'),
  })
  .openapi('FrontlinePace');

const PersonRecord = z
  .object({
    person: Person,
    year: z.number(),
    own: z.boolean().describe('是本人的记实（可填写）'),
    mayLogFrontline: z.boolean().describe('可为此人登记一线工作日（本人，或代为登记：本单位负责人、联络员，督查室、考核办）'),
    currentWeek: z.string(),
    logGraceDays: z.number(),
    frontline: z.object({ role: FrontlineRole.nullable().describe('适用的年度目标；无目标时为 null'), pace: Pace.nullable(), days: z.array(FrontlineDay) }),
    workLogs: z.array(WorkLog).describe('该年各周记实，按周倒序，全部列出'),
    assessments: z.array(Assessment),
    confirmations: z.array(Confirmation),
  })
  .openapi('PersonRecord');

const presentPerson = (p: { id: number; name: string; title: string; unitId: number | null; unitName: string | null }): z.infer<typeof Person> => ({
  id: p.id,
  name: p.name,
  title: p.title,
  unitId: p.unitId,
  unitName: p.unitName,
});
const presentLog = (l: WorkLogRow & { lockDay: string; editable: boolean }): z.infer<typeof WorkLog> => ({
  id: l.id,
  week: l.week,
  done: l.done,
  planned: l.planned,
  version: l.version,
  updatedAt: l.updatedAt.toISOString(),
  lockDay: l.lockDay,
  editable: l.editable,
});
const presentDay = (d: FrontlineDayRow): z.infer<typeof FrontlineDay> => ({
  id: d.id,
  day: d.day,
  place: d.place,
  purpose: d.purpose,
  loggedByName: d.loggedByName,
  createdAt: d.createdAt.toISOString(),
});
const presentAssessment = (a: AssessmentRow): z.infer<typeof Assessment> => ({
  id: a.id,
  personId: a.personId,
  month: a.month,
  grade: a.grade,
  comment: a.comment,
  assessedByName: a.assessedByName,
  version: a.version,
  updatedAt: a.updatedAt.toISOString(),
});
const presentConfirmation = (c: ConfirmationRow): z.infer<typeof Confirmation> => ({
  id: c.id,
  personId: c.personId,
  quarter: c.quarter,
  grade: c.grade,
  suggestedGrade: c.suggestedGrade,
  reason: c.reason,
  confirmedByName: c.confirmedByName,
  confirmedAt: c.confirmedAt.toISOString(),
});
const presentRecord = (r: Awaited<ReturnType<typeof service.personRecord>>): z.infer<typeof PersonRecord> => ({
  person: presentPerson(r.person),
  year: r.year,
  own: r.own,
  mayLogFrontline: r.mayLogFrontline,
  currentWeek: r.currentWeek,
  logGraceDays: r.logGraceDays,
  frontline: { role: r.frontline.role, pace: r.frontline.pace, days: r.frontline.days.map(presentDay) },
  workLogs: r.workLogs.map(presentLog),
  assessments: r.assessments.map(presentAssessment),
  confirmations: r.confirmations.map(presentConfirmation),
});

const YearQuery = z.object({ year: z.coerce.number().int().min(2000, '年份不正确').max(2100, '年份不正确').optional() });

export const recordsRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/records/settings',
      tags,
      summary: '记实设置：各类人员年度一线工作日目标、周记实补填宽限',
      responses: { 200: jsonResponse(Settings, '设置'), ...errorResponses },
    }),
    async (c) => c.json(await service.getSettings(c.get('deps'), actingUser(c).actor), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/records/settings',
      tags,
      summary: '修改记实设置（考核办）',
      request: jsonBody(Settings),
      responses: { 200: jsonResponse(Settings, '已修改'), ...errorResponses },
    }),
    async (c) => c.json(await service.updateSettings(c.get('deps'), actingUser(c), c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/records/mine',
      tags,
      summary: '我的记实：本人一年的周记实、一线工作日及进度、月度考核和季度审定',
      request: { query: YearQuery },
      responses: { 200: jsonResponse(PersonRecord, '记实'), ...errorResponses },
    }),
    async (c) => c.json(presentRecord(await service.myRecord(c.get('deps'), actingUser(c).actor, c.req.valid('query').year)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/records/people/{id}',
      tags,
      summary: '一名干部一年的记实（本人、本单位负责人、考核办和督查室可见；他人答 404）',
      request: { params: IdParam, query: YearQuery },
      responses: { 200: jsonResponse(PersonRecord, '记实'), ...errorResponses },
    }),
    async (c) => c.json(presentRecord(await service.personRecord(c.get('deps'), actingUser(c).actor, c.req.valid('param').id, c.req.valid('query').year)), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/records/work-logs',
      tags,
      summary: '填写或修改本人某周的周记实（周一起可填，周日加宽限天数后锁定）',
      request: jsonBody(
        z.object({
          week: WeekText,
          done: Text(4000).describe('本周完成的工作'),
          planned: Text(4000).describe('下周计划'),
          version: Int4.min(0).describe('新填写为 0；修改时为读取时的 version'),
        }),
      ),
      responses: { 200: jsonResponse(WorkLog, '已保存'), ...errorResponses },
    }),
    async (c) => c.json(presentLog(await service.saveWorkLog(c.get('deps'), actingUser(c), c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/records/frontline-days',
      tags,
      summary: '登记一线工作日（日期、地点、事由；同一天只计一天）：本人的，或代为登记（本单位负责人、联络员为范围内人员，督查室、考核办为任何人）',
      request: jsonBody(
        z.object({
          personId: Id.optional().describe('代为登记的人员；不填为本人。不在范围内时 404'),
          day: DayText,
          place: Text(400),
          purpose: Text(1000),
        }),
      ),
      responses: { 201: jsonResponse(FrontlineDay, '已登记'), ...errorResponses },
    }),
    async (c) => c.json(presentDay(await service.logFrontlineDay(c.get('deps'), actingUser(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/records/frontline/pace',
      tags,
      summary: '一线工作日进度：有年度目标的人员按某日的进度，落后多的在前（按可见范围，全部列出）',
      request: {
        query: z.object({
          day: DayText.optional().describe('按此日计算，默认今天'),
          role: FrontlineRole.optional(),
          behindOnly: z
            .enum(['true', 'false'])
            .optional()
            .transform((v) => v === 'true')
            .describe('只列落后者'),
        }),
      },
      responses: {
        200: jsonResponse(
          z.object({
            day: z.string(),
            items: z.array(
              z.object({
                person: Person,
                role: FrontlineRole,
                mayRead: z.boolean().describe('可查看此人的记实（代为登记的对象不一定可查看）'),
                mayLog: z.boolean().describe('可代为登记此人的一线工作日'),
                ...Pace.omit({ day: true }).shape,
              }),
            ),
          }),
          '进度',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const { day, rows } = await service.paceList(c.get('deps'), actingUser(c).actor, q);
      return c.json(
        {
          day,
          items: rows.map((r) => ({
            person: presentPerson({ id: r.personId, name: r.name, title: r.title, unitId: r.unitId, unitName: r.unitName }),
            role: r.role,
            mayRead: r.mayRead,
            mayLog: r.mayLog,
            target: r.target,
            done: r.done,
            expected: r.expected,
            behind: r.behind,
            short: r.short,
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/records/assessments',
      tags,
      summary: '单位月度考核：本单位（含下属）人员该月的考核、已填周记实的周和季度审定情况（单位负责人；考核办、督查室）',
      request: {
        query: z.object({
          unitId: QueryId.optional().describe('默认为本人所在单位'),
          month: monthText().optional().describe('默认为本月'),
        }),
      },
      responses: {
        200: jsonResponse(
          z.object({
            month: z.string(),
            quarter: z.string(),
            weeks: z.array(z.string()).describe('计入该月的周（周四在该月）'),
            items: z.array(
              z.object({
                person: Person,
                assessment: Assessment.nullable(),
                confirmation: Confirmation.nullable().describe('该季度已审定时，月度考核冻结'),
                weeksLogged: z.array(z.string()),
              }),
            ),
          }),
          '考核',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const r = await service.unitAssessments(c.get('deps'), actingUser(c).actor, c.req.valid('query'));
      return c.json(
        {
          month: r.month,
          quarter: r.quarter,
          weeks: r.weeks,
          items: r.rows.map((row) => ({
            person: presentPerson(row.person),
            assessment: row.assessment && presentAssessment(row.assessment),
            confirmation: row.confirmation && presentConfirmation(row.confirmation),
            weeksLogged: row.weeksLogged,
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/records/assessments',
      tags,
      summary: '单位负责人给出月度考核评语和等次建议（该季度审定后冻结）',
      request: jsonBody(
        z.object({
          personId: Id,
          month: monthText(),
          grade: CadreGrade,
          comment: Text(4000),
          version: Int4.min(0).describe('新考核为 0；修改时为读取时的 version'),
        }),
      ),
      responses: { 200: jsonResponse(Assessment, '已保存'), ...errorResponses },
    }),
    async (c) => c.json(presentAssessment(await service.saveAssessment(c.get('deps'), actingUser(c), c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/records/quarters',
      tags,
      summary: '季度审定：该季度有月度考核建议或已审定的人员，及建议、建议等次和审定结果（考核办、督查室）',
      request: { query: z.object({ quarter: QuarterText.optional().describe('默认为最近结束的季度') }) },
      responses: {
        200: jsonResponse(
          z.object({
            quarter: z.string(),
            months: z.array(z.string()),
            ended: z.boolean().describe('季度已结束，可以审定'),
            items: z.array(
              z.object({ person: Person, proposals: z.array(Assessment), suggested: CadreGrade.nullable(), confirmation: Confirmation.nullable() }),
            ),
          }),
          '季度审定',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const r = await service.quarterReview(c.get('deps'), actingUser(c).actor, c.req.valid('query').quarter);
      return c.json(
        {
          quarter: r.quarter,
          months: r.months,
          ended: r.ended,
          items: r.rows.map((row) => ({
            person: presentPerson(row.person),
            proposals: row.proposals.map(presentAssessment),
            suggested: row.suggested,
            confirmation: row.confirmation && presentConfirmation(row.confirmation),
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/records/confirmations',
      tags,
      summary: '考核办为考核委员会审定一名干部的季度考核等次（与建议不一致须写明理由；审定后不能再改）',
      request: jsonBody(z.object({ personId: Id, quarter: QuarterText, grade: CadreGrade, reason: Text(4000) })),
      responses: { 201: jsonResponse(Confirmation, '已审定'), ...errorResponses },
    }),
    async (c) => c.json(presentConfirmation(await service.confirmQuarter(c.get('deps'), actingUser(c), c.req.valid('json'))), 201),
  );
