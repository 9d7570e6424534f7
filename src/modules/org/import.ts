import { eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Actor, Deps, Who } from '../../context.js';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { AppError, badRequest, conflict } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize } from '../../permissions.js';
import { unitKindLabels } from './kind-labels.js';
import { childPath, PHONE_PATTERN, placementProblem, UNIT_CODE_PATTERN, UNIT_KIND_LABELS } from './rules.js';
import { people, units, type UnitKind } from './schema.js';

export const MAX_UNIT_ROWS = 5000;
export const MAX_PERSON_ROWS = 20000;
const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const UNIT_SHEET = '单位';
const PERSON_SHEET = '人员';
const UNIT_COLUMNS = { code: '单位编码', name: '单位名称', kind: '单位类型', parentCode: '上级单位编码', sortOrder: '排序' } as const;
const PERSON_COLUMNS = { name: '姓名', unitCode: '所属单位编码', title: '职务', phone: '手机号码', role: '身份' } as const;
const ROLE_BY_LABEL = new Map<string, 'head' | 'liaison'>([
  ['主要负责人', 'head'],
  ['联络员', 'liaison'],
]);
type KindLabels = Record<UnitKind, string>;
const kindList = (labels: KindLabels) => Object.values(labels).join('、');

type Row<K extends string> = { row: number } & Record<K, string>;
export type UnitSheetRow = Row<keyof typeof UNIT_COLUMNS>;
export type PersonSheetRow = Row<keyof typeof PERSON_COLUMNS>;
export interface ImportSheets {
  units: UnitSheetRow[];
  people: PersonSheetRow[];
}

export interface ExistingUnit {
  id: number;
  kind: UnitKind;
  path: string;
  active: boolean;
}

export interface RowError {
  sheet: typeof UNIT_SHEET | typeof PERSON_SHEET;
  row: number;
  messages: string[];
}

export interface PlannedUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  sortOrder: number;
}

export interface PlannedPerson {
  name: string;
  unitCode: string;
  title: string;
  phone: string;
  role: 'head' | 'liaison' | null;
}

export type ImportPlan = { ok: true; units: PlannedUnit[]; people: PlannedPerson[] } | { ok: false; errors: RowError[] };

// ---- Template ----

export async function buildTemplate(labels: KindLabels = UNIT_KIND_LABELS): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  const unitSheet = addDataSheet(wb, UNIT_SHEET, UNIT_COLUMNS, [14, 30, 18, 16, 10], ['X01', '示例镇', '乡镇街道', '', 900]);
  const personSheet = addDataSheet(wb, PERSON_SHEET, PERSON_COLUMNS, [12, 16, 20, 16, 14], ['张三', 'X01', '党委书记', '13800000000', '主要负责人']);
  // Codes and phones are text, so Excel keeps leading zeros.
  for (const col of [1, 4]) unitSheet.getColumn(col).numFmt = '@';
  for (const col of [2, 4]) personSheet.getColumn(col).numFmt = '@';

  const notes = wb.addWorksheet('说明');
  notes.columns = [
    { header: '项目', width: 18 },
    { header: '说明', width: 80 },
  ];
  notes.addRows([
    ['使用方法', '在“单位”“人员”两个工作表中逐行填写，第 2 行为示例，导入前请删除或改写。'],
    ['全部或全不', '导入前逐行校验；只要有一行有错，就不导入任何数据，并列出出错的行号和原因。'],
    ['单位编码', '必填，系统内唯一，1–32 位字母、数字、下划线或横线，如 D001、T01V01。'],
    ['单位名称', '必填，不超过 100 个字。'],
    ['单位类型', `必填，只能是：${kindList(labels)}。`],
    ['上级单位编码', '选填；可以是本文件中的单位（上下顺序不限），也可以是系统中已有的启用单位。村居的上级必须是乡镇街道，村居下不能再设下级单位。'],
    ['排序', '选填，0–100000 的整数，数字小的排在前面。'],
    ['姓名', '必填。'],
    ['所属单位编码', '必填，本文件或系统中已有的启用单位。'],
    ['职务', '选填，不超过 50 个字。'],
    ['手机号码', '选填，11 位手机号或带区号的座机号（如 0371-12345678）。'],
    ['身份', '选填：主要负责人、联络员或留空。每个单位最多一名主要负责人、一名联络员；只能为本文件新建的单位指定，系统中已有单位请在“组织机构”中设置。'],
    ['数量上限', `每次最多 ${MAX_UNIT_ROWS} 个单位、${MAX_PERSON_ROWS} 名人员，超出请分批导入。`],
  ]);
  styleHeader(notes);
  notes.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function addDataSheet(wb: ExcelJS.Workbook, name: string, columns: Record<string, string>, widths: number[], example: (string | number)[]) {
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = Object.values(columns).map((header, i) => ({ header, width: widths[i] }));
  sheet.addRow(example);
  styleHeader(sheet);
  return sheet;
}

function styleHeader(sheet: ExcelJS.Worksheet) {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
}

// ---- Reading ----

export async function readWorkbook(data: ArrayBuffer): Promise<ImportSheets> {
  const badFile = () => badRequest('IMPORT_BAD_FILE', '文件不是有效的 Excel（.xlsx）文件');
  // An .xlsx is a ZIP archive: judge by content, not by the file name.
  if (!Buffer.from(data).subarray(0, 4).equals(ZIP_MAGIC)) throw badFile();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data);
  } catch {
    throw badFile();
  }
  const unitSheet = wb.getWorksheet(UNIT_SHEET);
  const personSheet = wb.getWorksheet(PERSON_SHEET);
  if (!unitSheet && !personSheet) throw badRequest('IMPORT_BAD_FILE', '文件中没有“单位”或“人员”工作表，请使用导入模板');
  return { units: readSheet(unitSheet, UNIT_COLUMNS), people: readSheet(personSheet, PERSON_COLUMNS) };
}

// Columns are found by their header text in row 1; rows with nothing filled in are skipped.
function readSheet<K extends string>(sheet: ExcelJS.Worksheet | undefined, columns: Record<K, string>): Row<K>[] {
  if (!sheet) return [];
  const headers = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => headers.set(cell.text.trim(), col));
  const keys = Object.keys(columns) as K[];
  for (const key of keys) {
    if (!headers.has(columns[key])) throw badRequest('IMPORT_BAD_FILE', `“${sheet.name}”工作表缺少“${columns[key]}”列，请使用导入模板`);
  }
  const rows: Row<K>[] = [];
  sheet.eachRow((excelRow, rowNumber) => {
    if (rowNumber === 1) return;
    const values = Object.fromEntries(keys.map((k) => [k, excelRow.getCell(headers.get(columns[k])!).text.trim()])) as Record<K, string>;
    if (keys.some((k) => values[k] !== '')) rows.push({ row: rowNumber, ...values });
  });
  return rows;
}

// ---- Validation (pure) ----

/** Checks every row against the file itself and the existing units it names; either a plan in insert order or all row errors. */
export function planImport(sheets: ImportSheets, existing: ReadonlyMap<string, ExistingUnit>, labels: KindLabels = UNIT_KIND_LABELS): ImportPlan {
  const kindByLabel = new Map(Object.entries(labels).map(([kind, label]) => [label, kind as UnitKind]));
  if (sheets.units.length > MAX_UNIT_ROWS) {
    return tooMany(UNIT_SHEET, sheets.units[MAX_UNIT_ROWS]!.row, `“单位”工作表最多 ${MAX_UNIT_ROWS} 行，请分批导入`);
  }
  if (sheets.people.length > MAX_PERSON_ROWS) {
    return tooMany(PERSON_SHEET, sheets.people[MAX_PERSON_ROWS]!.row, `“人员”工作表最多 ${MAX_PERSON_ROWS} 行，请分批导入`);
  }
  const unitMessages = sheets.units.map(() => [] as string[]);
  const personMessages = sheets.people.map(() => [] as string[]);

  // Codes first, so parents may appear anywhere in the sheet.
  const indexByCode = new Map<string, number>();
  const kinds = sheets.units.map((u, i) => {
    const messages = unitMessages[i]!;
    if (!u.code) messages.push('单位编码不能为空');
    else if (!UNIT_CODE_PATTERN.test(u.code)) messages.push(`单位编码“${u.code}”格式不正确：须为 1–32 位字母、数字、下划线或横线`);
    else if (indexByCode.has(u.code)) messages.push(`单位编码 ${u.code} 与第 ${sheets.units[indexByCode.get(u.code)!]!.row} 行重复`);
    else if (existing.has(u.code)) messages.push(`单位编码 ${u.code} 在系统中已存在`);
    else indexByCode.set(u.code, i);
    if (!u.name) messages.push('单位名称不能为空');
    else if (u.name.length > 100) messages.push('单位名称不能超过 100 个字');
    if (u.sortOrder && !(/^\d{1,6}$/.test(u.sortOrder) && Number(u.sortOrder) <= 100_000)) messages.push('排序须为 0–100000 的整数');
    const kind = kindByLabel.get(u.kind);
    if (!u.kind) messages.push('单位类型不能为空');
    else if (!kind) messages.push(`单位类型“${u.kind}”不正确，应为：${kindList(labels)}`);
    return kind;
  });

  const parentIndex = sheets.units.map((u, i) => {
    if (!u.parentCode) return undefined;
    const inFile = indexByCode.get(u.parentCode);
    if (inFile === undefined && !existing.has(u.parentCode)) unitMessages[i]!.push(`上级单位编码 ${u.parentCode} 在本文件和系统中都不存在`);
    return inFile;
  });

  sheets.units.forEach((u, i) => {
    const kind = kinds[i];
    if (!kind) return;
    let parent: Parameters<typeof placementProblem>[1] = null;
    if (parentIndex[i] !== undefined) {
      const parentKind = kinds[parentIndex[i]];
      if (!parentKind) return; // the parent's own row already reports its bad type
      parent = { id: 0, kind: parentKind, path: '', active: true }; // not inserted yet: no id or path
    } else if (u.parentCode) {
      parent = existing.get(u.parentCode) ?? null;
      if (!parent) return;
    }
    const problem = placementProblem({ id: 0, kind, path: null }, parent);
    if (problem) unitMessages[i]!.push(problem);
  });

  // Parents before children: walk up from each row until a placed row, a top-level unit or a cycle.
  const order: number[] = [];
  const placed = new Set<number>();
  sheets.units.forEach((_, start) => {
    const chain: number[] = [];
    let at: number | undefined = start;
    while (at !== undefined && !placed.has(at) && !chain.includes(at)) {
      chain.push(at);
      at = parentIndex[at];
    }
    if (at !== undefined && chain.includes(at)) {
      const cycle = chain.slice(chain.indexOf(at));
      const text = [...cycle, at].map((k) => sheets.units[k]!.code).join(' → ');
      for (const k of cycle) unitMessages[k]!.push(`上级单位编码形成循环：${text}`);
    }
    for (const k of chain.reverse()) {
      placed.add(k);
      order.push(k);
    }
  });

  const roleRows = new Map<string, number>();
  const planned = sheets.people.map((p, i) => {
    const messages = personMessages[i]!;
    if (!p.name) messages.push('姓名不能为空');
    else if (p.name.length > 100) messages.push('姓名不能超过 100 个字');
    const dbUnit = existing.get(p.unitCode);
    if (!p.unitCode) messages.push('所属单位编码不能为空');
    else if (!indexByCode.has(p.unitCode) && !dbUnit) messages.push(`所属单位编码 ${p.unitCode} 在本文件和系统中都不存在`);
    else if (dbUnit && !dbUnit.active) messages.push(`所属单位 ${p.unitCode} 已停用`);
    if (p.title.length > 50) messages.push('职务不能超过 50 个字');
    if (p.phone && !PHONE_PATTERN.test(p.phone)) messages.push(`手机号码“${p.phone}”格式不正确`);
    const role = p.role ? ROLE_BY_LABEL.get(p.role) : null;
    if (role === undefined) messages.push(`身份“${p.role}”不正确，应为“主要负责人”“联络员”或留空`);
    if (role && p.unitCode) {
      const key = `${p.unitCode}\n${role}`;
      // Additive only: replacing an existing unit's head or liaison needs its own audited edit.
      if (dbUnit) messages.push(`单位 ${p.unitCode} 已在系统中，其${p.role}请在“组织机构”中设置`);
      else if (roleRows.has(key)) messages.push(`单位 ${p.unitCode} 的${p.role}已在第 ${roleRows.get(key)} 行指定`);
      else roleRows.set(key, p.row);
    }
    return { name: p.name, unitCode: p.unitCode, title: p.title, phone: p.phone, role: role ?? null };
  });

  const errors: RowError[] = [
    ...sheets.units.map((u, i) => ({ sheet: UNIT_SHEET, row: u.row, messages: unitMessages[i]! }) as const),
    ...sheets.people.map((p, i) => ({ sheet: PERSON_SHEET, row: p.row, messages: personMessages[i]! }) as const),
  ].filter((e) => e.messages.length > 0);
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    units: order.map((i) => {
      const u = sheets.units[i]!;
      return { code: u.code, name: u.name, kind: kinds[i]!, parentCode: u.parentCode || null, sortOrder: Number(u.sortOrder || 0) };
    }),
    people: planned,
  };
}

const tooMany = (sheet: RowError['sheet'], row: number, message: string): ImportPlan => ({ ok: false, errors: [{ sheet, row, messages: [message] }] });

// ---- Writing ----

const CHUNK = 1000;

/** Imports all rows of the workbook in one transaction, or nothing. */
export async function importOrg(deps: Deps, who: Who & { actor: Actor }, data: ArrayBuffer): Promise<{ units: number; people: number }> {
  authorize(who.actor, 'org.write');
  const sheets = await readWorkbook(data);
  if (!sheets.units.length && !sheets.people.length) throw badRequest('IMPORT_EMPTY', '文件中没有可导入的数据');
  const now = deps.clock.now();
  return deps.db
    .transaction(async (tx) => {
      const existing = await loadExisting(tx, sheets);
      const plan = planImport(sheets, existing, (await unitKindLabels(tx)).labels);
      if (!plan.ok) throw new AppError('IMPORT_INVALID', `导入文件有 ${plan.errors.length} 行错误，未导入任何数据`, 400, { rows: plan.errors });

      // Ids come from the tables' own sequences up front, so paths and head/liaison links are known before inserting.
      const unitIds = await allocateIds(tx, 'units', plan.units.length);
      const personIds = await allocateIds(tx, 'people', plan.people.length);
      const byCode = new Map<string, { id: number; path: string }>(existing);
      const unitRows = plan.units.map((u, i) => {
        const parent = u.parentCode ? byCode.get(u.parentCode)! : null;
        const id = unitIds[i]!;
        const path = childPath(parent?.path ?? null, id);
        byCode.set(u.code, { id, path });
        return { id, parentId: parent?.id ?? null, path, kind: u.kind, code: u.code, name: u.name, sortOrder: u.sortOrder, createdAt: now, updatedAt: now };
      });
      const personRows = plan.people.map((p, i) => ({
        id: personIds[i]!,
        name: p.name,
        unitId: byCode.get(p.unitCode)!.id,
        title: p.title,
        phone: p.phone,
        createdAt: now,
        updatedAt: now,
      }));
      for (let i = 0; i < unitRows.length; i += CHUNK) await tx.insert(units).values(unitRows.slice(i, i + CHUNK));
      for (let i = 0; i < personRows.length; i += CHUNK) await tx.insert(people).values(personRows.slice(i, i + CHUNK));

      const roles = new Map<number, { headPersonId?: number; liaisonPersonId?: number }>();
      plan.people.forEach((p, i) => {
        if (!p.role) return;
        const unitId = byCode.get(p.unitCode)!.id;
        roles.set(unitId, { ...roles.get(unitId), [p.role === 'head' ? 'headPersonId' : 'liaisonPersonId']: personIds[i]! });
      });
      for (const [unitId, set] of roles) await tx.update(units).set(set).where(eq(units.id, unitId));

      await recordAudit(tx, deps, who, {
        action: 'org.import',
        targetType: 'org',
        targetId: 'import',
        after: { units: plan.units.map((u) => u.code), people: plan.people.length },
      });
      return { units: plan.units.length, people: plan.people.length };
    })
    .catch((err: unknown) => {
      if (isUniqueViolation(err)) throw conflict('UNIT_CODE_TAKEN', '单位编码已被他人同时使用，请刷新后重新导入');
      throw err;
    });
}

// The units the file names, locked so a parent cannot be stopped or moved while the import runs.
async function loadExisting(tx: Db, sheets: ImportSheets): Promise<Map<string, ExistingUnit>> {
  const codes = [...new Set([...sheets.units.flatMap((u) => [u.code, u.parentCode]), ...sheets.people.map((p) => p.unitCode)].filter(Boolean))];
  if (!codes.length) return new Map();
  const rows = await tx
    .select({ id: units.id, code: units.code, kind: units.kind, path: units.path, active: units.active })
    .from(units)
    .where(inArray(units.code, codes))
    .for('share');
  return new Map(rows.map(({ code, ...u }) => [code, u]));
}

async function allocateIds(tx: Db, table: 'units' | 'people', n: number): Promise<number[]> {
  if (n === 0) return [];
  const rows = await tx.select({ id: sql<number>`nextval(pg_get_serial_sequence(${table}, 'id'))::int` }).from(sql`generate_series(1, ${n}::int)`);
  return rows.map((r) => r.id).sort((a, b) => a - b);
}
