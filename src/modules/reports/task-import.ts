import ExcelJS from 'exceljs';
import { dayOf, isValidDay } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import type { Db } from '../../db/client.js';
import { AppError, badRequest } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize } from '../../permissions.js';
import { activeLeadersByName, lockActiveUnitsByKey } from '../org/read.js';
import { LEVEL_LABELS, planProblems, SOURCE_LABELS, type TaskLevel, type TaskSource } from '../tasks/rules.js';
import { createDrafts } from '../tasks/bulk.js';
import { activeCategoriesByName, listCategories } from '../tasks/read.js';
import { failpoint } from '../../failpoint.js';

export const MAX_TASK_ROWS = 2000;
export const TASK_SHEET = '台账';
const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');

// Header text in row 1; required columns carry a * in the template, which the reader ignores.
const COLUMNS = {
  title: '工作任务',
  description: '具体内容',
  source: '来源',
  category: '类别',
  level: '等级',
  leader: '责任领导',
  leadUnit: '牵头单位',
  cooperators: '配合单位',
  responsibleName: '责任人',
  responsiblePhone: '联系电话',
  startDate: '开始日期',
  deadline: '完成时限',
  standard: '工作标准',
  period: '所属月份',
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['title', 'source', 'leadUnit', 'startDate', 'deadline', 'period'];
const WIDTHS: Record<Column, number> = {
  title: 30,
  description: 36,
  source: 16,
  category: 12,
  level: 8,
  leader: 10,
  leadUnit: 16,
  cooperators: 24,
  responsibleName: 10,
  responsiblePhone: 15,
  startDate: 12,
  deadline: 12,
  standard: 30,
  period: 10,
};

const SOURCE_BY_LABEL = new Map(Object.entries(SOURCE_LABELS).map(([k, label]) => [label, k as TaskSource]));
const LEVEL_BY_LABEL = new Map(Object.entries(LEVEL_LABELS).map(([k, label]) => [label, k as TaskLevel]));
const SOURCE_LIST = Object.values(SOURCE_LABELS).join('、');

// Excel hands over a Date for a date-formatted cell and text for anything typed as text.
export type Cell = string | Date;
export type TaskSheetRow = { row: number } & Record<Column, Cell>;

export interface ImportRefs {
  leaders: { id: number; name: string }[];
  units: { id: number; code: string; name: string }[];
  categories: { id: number; name: string }[];
}

export interface PlannedTask {
  title: string;
  description: string;
  source: TaskSource;
  categoryId: number | null;
  level: TaskLevel;
  leadLeaderId: number | null;
  leadUnitId: number;
  cooperatorIds: number[];
  responsibleName: string;
  responsiblePhone: string;
  startDate: string;
  deadline: string;
  standard: string;
  period: string;
}

export interface RowError {
  sheet: string;
  row: number;
  messages: string[];
}

export type TaskImportPlan = { ok: true; tasks: PlannedTask[] } | { ok: false; errors: RowError[] };

// ---- Template ----

export async function buildTaskTemplate(categories: string[]): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(TASK_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const keys = Object.keys(COLUMNS) as Column[];
  sheet.columns = keys.map((k) => ({ header: `${COLUMNS[k]}${REQUIRED.includes(k) ? '*' : ''}`, width: WIDTHS[k] }));
  const col = (k: Column) => keys.indexOf(k) + 1;
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  for (const k of REQUIRED) header.getCell(col(k)).font = { bold: true, color: { argb: 'FFC00000' } };
  // Phones and months stay text, so Excel keeps leading zeros and does not turn 2026-03 into a date.
  for (const k of ['responsiblePhone', 'period'] as const) sheet.getColumn(col(k)).numFmt = '@';
  for (const k of ['startDate', 'deadline'] as const) sheet.getColumn(col(k)).numFmt = 'yyyy-mm-dd';
  // Drop-down lists for the fixed choices.
  const lists: [Column, string[]][] = [
    ['source', Object.values(SOURCE_LABELS)],
    ['level', Object.values(LEVEL_LABELS)],
  ];
  // One range each: exceljs merges per-cell validations into overlapping ranges past row 9, and its types omit this API.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  for (const [k, options] of lists) {
    const letter = sheet.getColumn(col(k)).letter;
    validations.add(`${letter}2:${letter}${MAX_TASK_ROWS + 1}`, { type: 'list', allowBlank: true, formulae: [`"${options.join(',')}"`] });
  }

  const notes = wb.addWorksheet('说明');
  notes.columns = [
    { header: '项目', width: 16 },
    { header: '说明', width: 90 },
  ];
  notes.addRows([
    ['使用方法', `在“${TASK_SHEET}”工作表中从第 2 行起每行填写一项工作任务；带 * 的列必填。导入后的任务为“草拟”状态，核对后再交办。`],
    ['全部或全不', '导入前逐行校验；只要有一行有错，就不导入任何数据，并列出出错的行号和原因。'],
    ['工作任务', '必填，不超过 200 个字。'],
    ['具体内容', '选填，即交办单上的“具体要求”，不超过 5000 个字。'],
    ['来源', `必填，只能是：${SOURCE_LIST}。`],
    ['类别', `选填，只能是：${categories.join('、')}。`],
    ['等级', '选填：一般或重大，留空为一般。'],
    ['责任领导', '选填，填县领导姓名，须是系统中在任的领导。'],
    ['牵头单位', '必填，填系统中启用单位的名称或单位编码；名称有重名时请填编码。'],
    ['配合单位', '选填，多个单位用顿号“、”或逗号分隔，不能包含牵头单位。'],
    ['责任人、联系电话', '选填，责任人不超过 50 个字，联系电话不超过 30 个字符。'],
    ['开始日期、完成时限', '必填，日期格式，如 2026-03-01；完成时限不能早于开始日期。'],
    ['工作标准', '选填，即“定质量”的验收标准，不超过 5000 个字。'],
    ['所属月份', '必填，格式为 YYYY-MM，如 2026-03。'],
    [
      '示例',
      '推进城关街道老旧小区改造 | 完成 3 个小区改造 | 会议议定 | 城市建设 | 一般 | （领导姓名） | 城关街道 | 县住房和城乡建设局 | 张三 | 13900000000 | 2026-03-01 | 2026-03-31 | 通过验收 | 2026-03',
    ],
    ['数量上限', `每次最多 ${MAX_TASK_ROWS} 项，超出请分批导入。`],
  ]);
  notes.getRow(1).font = { bold: true };
  notes.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export async function taskTemplate(deps: Deps, actor: Actor) {
  authorize(actor, 'task.manage');
  const rows = await listCategories(deps.db);
  return buildTaskTemplate(rows.map((r) => r.name));
}

// ---- Reading ----

export async function readTaskSheet(data: ArrayBuffer): Promise<TaskSheetRow[]> {
  const badFile = () => badRequest('IMPORT_BAD_FILE', '文件不是有效的 Excel（.xlsx）文件');
  // An .xlsx is a ZIP archive: judge by content, not by the file name.
  if (!Buffer.from(data).subarray(0, 4).equals(ZIP_MAGIC)) throw badFile();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data);
  } catch {
    throw badFile();
  }
  const sheet = wb.getWorksheet(TASK_SHEET);
  if (!sheet) throw badRequest('IMPORT_BAD_FILE', `文件中没有“${TASK_SHEET}”工作表，请使用导入模板`);
  const headers = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => headers.set(cell.text.replace(/[*＊\s]/g, ''), col));
  const keys = Object.keys(COLUMNS) as Column[];
  for (const k of keys) if (!headers.has(COLUMNS[k])) throw badRequest('IMPORT_BAD_FILE', `“${TASK_SHEET}”工作表缺少“${COLUMNS[k]}”列，请使用导入模板`);
  const rows: TaskSheetRow[] = [];
  sheet.eachRow((excelRow, rowNumber) => {
    if (rowNumber === 1) return;
    const values = Object.fromEntries(keys.map((k) => [k, cellValue(excelRow.getCell(headers.get(COLUMNS[k])!))])) as Record<Column, Cell>;
    if (keys.some((k) => values[k] !== '')) rows.push({ row: rowNumber, ...values });
  });
  return rows;
}

function cellValue(cell: ExcelJS.Cell): Cell {
  const value = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
  return value instanceof Date ? value : cell.text.trim();
}

// ---- Validation (pure) ----

// Excel keeps dates without a time zone; exceljs reads them as midnight UTC.
function parseDay(cell: Cell): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(cell);
  const day = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : null;
  return isValidDay(day) ? day : null;
}

function parsePeriod(cell: Cell): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 7);
  const m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(cell);
  return m && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${m[1]}-${m[2]!.padStart(2, '0')}` : null;
}

const text = (cell: Cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : cell);
const unitList = (cell: Cell) =>
  text(cell)
    .split(/[、,，;；]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Checks every row against the units, leaders and categories it names; either all tasks to create or every row's errors. */
export function planTaskImport(rows: TaskSheetRow[], refs: ImportRefs): TaskImportPlan {
  if (rows.length > MAX_TASK_ROWS)
    return { ok: false, errors: [{ sheet: TASK_SHEET, row: rows[MAX_TASK_ROWS]!.row, messages: [`最多 ${MAX_TASK_ROWS} 项，请分批导入`] }] };

  // Several matches for one name mean it cannot be resolved: the user has to write the code.
  const byName = <T extends { name: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of list) map.set(item.name, [...(map.get(item.name) ?? []), item]);
    return map;
  };
  const leadersByName = byName(refs.leaders);
  const unitsByName = byName(refs.units);
  const unitsByCode = new Map(refs.units.map((u) => [u.code, u]));
  const categoriesByName = new Map(refs.categories.map((c) => [c.name, c.id]));

  const errors: RowError[] = [];
  const planned: PlannedTask[] = [];
  for (const r of rows) {
    const messages: string[] = [];
    const value = (k: Column) => text(r[k]).trim();
    for (const k of REQUIRED) if (value(k) === '') messages.push(`${COLUMNS[k]}不能为空`);

    const limit = (k: Column, max: number) => {
      if (value(k).length > max) messages.push(`${COLUMNS[k]}不能超过 ${max} 个字`);
    };
    limit('title', 200);
    limit('description', 5000);
    limit('standard', 5000);
    limit('responsibleName', 50);
    limit('responsiblePhone', 30);

    const source = SOURCE_BY_LABEL.get(value('source'));
    if (value('source') && !source) messages.push(`来源“${value('source')}”不正确，应为：${SOURCE_LIST}`);
    const categoryId = value('category') ? categoriesByName.get(value('category')) : null;
    if (categoryId === undefined) messages.push(`类别“${value('category')}”不存在`);
    const level = value('level') ? LEVEL_BY_LABEL.get(value('level')) : 'general';
    if (!level) messages.push(`等级“${value('level')}”不正确，应为“一般”或“重大”`);

    let leadLeaderId: number | null = null;
    if (value('leader')) {
      const found = leadersByName.get(value('leader')) ?? [];
      if (found.length === 0) messages.push(`责任领导“${value('leader')}”不存在或已离任`);
      else if (found.length > 1) messages.push(`责任领导“${value('leader')}”有重名，无法确定是哪一位`);
      else leadLeaderId = found[0]!.id;
    }

    // A unit by code, else by a name only one active unit has.
    const findUnit = (key: string, label: string) => {
      const byCode = unitsByCode.get(key);
      if (byCode) return byCode.id;
      const named = unitsByName.get(key) ?? [];
      if (named.length === 1) return named[0]!.id;
      messages.push(named.length ? `${label}“${key}”有重名，请填写单位编码` : `${label}“${key}”不存在或已停用`);
      return undefined;
    };
    const leadUnitId = value('leadUnit') ? findUnit(value('leadUnit'), '牵头单位') : undefined;
    const cooperatorIds = unitList(r.cooperators).map((k) => findUnit(k, '配合单位'));

    const startDate = parseDay(r.startDate);
    const deadline = parseDay(r.deadline);
    const period = parsePeriod(r.period);
    if (value('startDate') && !startDate) messages.push(`开始日期“${value('startDate')}”不是有效日期，应为 YYYY-MM-DD`);
    if (value('deadline') && !deadline) messages.push(`完成时限“${value('deadline')}”不是有效日期，应为 YYYY-MM-DD`);
    if (value('period') && !period) messages.push(`所属月份“${value('period')}”格式不正确，应为 YYYY-MM`);

    // The same 三定 rules as a task entered by hand, once the values they compare are known.
    if (startDate && deadline && leadUnitId !== undefined && cooperatorIds.every((id) => id !== undefined)) {
      messages.push(...planProblems({ startDate, deadline, leadUnitId, cooperatingUnitIds: cooperatorIds as number[], milestones: [] }));
    }

    if (messages.length) {
      errors.push({ sheet: TASK_SHEET, row: r.row, messages });
      continue;
    }
    planned.push({
      title: value('title'),
      description: value('description'),
      source: source!,
      categoryId: categoryId ?? null,
      level: level!,
      leadLeaderId,
      leadUnitId: leadUnitId!,
      cooperatorIds: cooperatorIds as number[],
      responsibleName: value('responsibleName'),
      responsiblePhone: value('responsiblePhone'),
      startDate: startDate!,
      deadline: deadline!,
      standard: value('standard'),
      period: period!,
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, tasks: planned };
}

// ---- Writing ----

/** Creates every task of the workbook as a draft in one transaction, or none. */
export async function importTasks(deps: Deps, who: Who & { actor: Actor }, data: ArrayBuffer): Promise<{ created: number; ids: number[] }> {
  authorize(who.actor, 'task.manage');
  const rows = await readTaskSheet(data);
  if (!rows.length) throw badRequest('IMPORT_EMPTY', '文件中没有可导入的数据');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const plan = planTaskImport(rows, await loadRefs(tx, rows));
    if (!plan.ok) throw new AppError('IMPORT_INVALID', `导入文件有 ${plan.errors.length} 行错误，未导入任何数据`, 400, { rows: plan.errors });

    // A row whose deadline has passed is the county's history taken over from its old ledger: it may be assigned with
    // that deadline and is never chased.
    const today = dayOf(now);
    const drafts = plan.tasks.map((t) => ({ ...t, importedHistory: t.deadline < today }));
    const ids = await createDrafts(tx, who.actor, now, drafts, 'Excel 导入');
    failpoint(deps.config, 'task.import');
    await recordAudit(tx, deps, who, {
      action: 'task.import',
      targetType: 'task',
      targetId: 'import',
      after: { count: ids.length, ids, history: drafts.filter((d) => d.importedHistory).length },
    });
    return { created: ids.length, ids };
  });
}

// Only the leaders, units and categories the file names; units locked so none is stopped while the import runs.
async function loadRefs(tx: Db, rows: TaskSheetRow[]): Promise<ImportRefs> {
  const names = (k: Column) => [...new Set(rows.map((r) => text(r[k]).trim()).filter(Boolean))];
  const unitKeys = [...new Set(rows.flatMap((r) => [text(r.leadUnit).trim(), ...unitList(r.cooperators)]).filter(Boolean))];
  const leaderNames = names('leader');
  const categoryNames = names('category');
  const unitRows = await lockActiveUnitsByKey(tx, unitKeys);
  const leaderRows = await activeLeadersByName(tx, leaderNames);
  const categoryRows = await activeCategoriesByName(tx, categoryNames);
  return { units: unitRows, leaders: leaderRows, categories: categoryRows };
}
