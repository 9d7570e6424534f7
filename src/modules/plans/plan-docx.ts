import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import zlib from 'node:zlib';
import { AlignmentType, BorderStyle, Document, Footer, Packer, PageNumber, PageOrientation, Paragraph, TextRun } from 'docx';
import { unzipSync, Zip, ZipPassThrough } from 'fflate';
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps } from '../../context.js';
import { attachment, chineseDay, CM, DOC_FONT, DOC_RED, DOC_SIZE } from '../../format.js';
import { planLabel } from './rules.js';
import { documentOf } from './service.js';

// The plan's table is written as WordprocessingML while its rows arrive from the database, into a zip that is sent
// as it is made: the `docx` package holds the whole document in memory (a province's month: +470 MB, 8.6 s). The rest
// of the document (title, intro, date, page, footer, styles) is small and still made by `docx`, with a placeholder
// paragraph where the table goes. The table's XML is what `docx` wrote for the same table, byte for byte.

const SIZE_TABLE = 24; // 小四: six columns on a landscape page
const MARGIN = { top: 2.8 * CM, bottom: 2.6 * CM, left: 2.6 * CM, right: 2.6 * CM };
// 序号 / 工作任务 / 责任领导 / 责任单位 / 完成时限 / 工作标准: 24.5 cm across A4 landscape; a date fits on one line.
const HEADERS = ['序号', '工作任务', '责任领导', '责任单位', '完成时限', '工作标准'];
const COLUMNS = [1.2 * CM, 7.4 * CM, 3.2 * CM, 3.8 * CM, 3.4 * CM, 5.5 * CM];
const TABLE_WIDTH = COLUMNS.reduce((a, b) => a + b, 0);
const TABLE_PLACE = 'PLAN-TABLE';
// Items read at a time: about 1.7 MB of XML, a twentieth of a province's month (1000 kept the server 40–50 MB
// higher at 9,400 items for 0.3 s less).
const BATCH = 500;

export interface PlanDocFrame {
  title: string;
  year: string;
  documentNumber: string | null;
  issuedOn: string | null;
  intro: string;
}

export interface PlanDocRow {
  leaderId: number | null;
  leader: string; // the 责任领导 cell, spanning the leader's rows
  leaderRows: number; // how many rows the leader's cell spans
  title: string;
  measures: string;
  units: string[]; // the lead unit first
  deadline: string;
  standard: string;
}

type Align = 'left' | 'center' | 'both' | 'right';

// Within the plan's own year the year goes unsaid, as such tables write it: 4月28日.
const shortDay = (day: string, year: string) => (day.startsWith(`${year}-`) ? chineseDay(day).slice(5) : chineseDay(day));

// As `docx` escapes text: the five XML entities, and the control characters XML 1.0 cannot hold dropped.
const ENTITIES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
const escapeXml = (text: string) => text.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => ENTITIES[c] ?? '');

// Lengths in twips are whole numbers; `docx` rounds them down.
const twips = (n: number) => Math.floor(n);

function para(text: string, opts: { font?: string; bold?: boolean; align?: Align } = {}) {
  const font = escapeXml(opts.font ?? DOC_FONT.body);
  return (
    `<w:p><w:pPr><w:jc w:val="${opts.align ?? 'left'}"/></w:pPr><w:r><w:rPr>` +
    `<w:rFonts w:ascii="${font}" w:cs="${font}" w:eastAsia="${font}" w:hAnsi="${font}"/>${opts.bold ? '<w:b/><w:bCs/>' : ''}` +
    `<w:sz w:val="${SIZE_TABLE}"/><w:szCs w:val="${SIZE_TABLE}"/></w:rPr><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`
  );
}

// One paragraph per line, so line breaks typed into a form survive.
const lines = (text: string, align: Align = 'left') => (text || ' ').split('\n').map((line) => para(line, { align }));

function cell(paragraphs: string[], column: number, verticalMerge?: 'restart' | 'continue') {
  return (
    `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${twips(COLUMNS[column]!)}"/>${verticalMerge ? `<w:vMerge w:val="${verticalMerge}"/>` : ''}` +
    '<w:tcMar><w:top w:type="dxa" w:w="60"/><w:left w:type="dxa" w:w="100"/><w:bottom w:type="dxa" w:w="60"/><w:right w:type="dxa" w:w="100"/></w:tcMar>' +
    `<w:vAlign w:val="center"/></w:tcPr>${paragraphs.join('')}</w:tc>`
  );
}

const row = (properties: string, cells: string[]) => `<w:tr><w:trPr>${properties}</w:trPr>${cells.join('')}</w:tr>`;

// The table's borders, grid and header row, repeated on every page.
function tableStart() {
  const side = (name: string) => `<w:${name} w:val="single" w:color="auto" w:sz="4"/>`;
  return (
    `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${twips(TABLE_WIDTH)}"/>` +
    `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(side).join('')}</w:tblBorders></w:tblPr>` +
    `<w:tblGrid>${COLUMNS.map((w) => `<w:gridCol w:w="${twips(w)}"/>`).join('')}</w:tblGrid>` +
    row(
      `<w:tblHeader/><w:trHeight w:val="${twips(1 * CM)}" w:hRule="atLeast"/>`,
      HEADERS.map((h, i) => cell([para(h, { font: DOC_FONT.head, align: 'center' })], i)),
    )
  );
}

// An empty plan says so across the table (the spanning cell's width rounded, as `docx` wrote it).
const EMPTY_ROW =
  `<w:tr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${Math.round(TABLE_WIDTH)}"/><w:gridSpan w:val="${HEADERS.length}"/></w:tcPr>` +
  `${para('本期无重点工作安排', { align: 'center' })}</w:tc></w:tr>`;

// One item's row. The leader's cell spans the leader's rows, the way such tables are drawn by hand.
function itemRow(r: PlanDocRow, seq: number, ofLeader: number, year: string) {
  const merge = r.leaderRows > 1 ? (ofLeader === 0 ? 'restart' : 'continue') : undefined;
  const [lead, ...others] = r.units;
  const unitLines = others.length ? [`${lead}（牵头）`, ...others].join('\n') : (lead ?? '');
  return row(`<w:cantSplit/><w:trHeight w:val="${twips(1.2 * CM)}" w:hRule="atLeast"/>`, [
    cell([para(String(seq), { align: 'center' })], 0),
    cell([para(r.title, { bold: true }), ...(r.measures ? lines(r.measures) : [])], 1),
    cell(ofLeader === 0 ? lines(r.leader, 'center') : [para('')], 2, merge),
    cell(lines(unitLines, 'center'), 3),
    cell([para(shortDay(r.deadline, year), { align: 'center' })], 4),
    cell(lines(r.standard), 5),
  ]);
}

/**
 * The document without its table, made by `docx`: its parts as zip entries, and word/document.xml cut where the
 * table goes. Small whatever the plan's size.
 */
async function frame(doc: PlanDocFrame) {
  // Two characters of 三号 (16 pt) are 640 twips; Word reads the character count, other readers the twips.
  const twoChars = 640;
  const bodyText = (text: string, opts: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: 'first' | 'right'; before?: number } = {}) =>
    new Paragraph({
      alignment: opts.align ?? AlignmentType.JUSTIFIED,
      indent:
        opts.indent === 'first' ? { firstLine: twoChars, firstLineChars: 200 } : opts.indent === 'right' ? { right: 2 * twoChars } /* 右空四字 */ : undefined,
      spacing: { before: opts.before ?? 0, line: 560 }, // 28 pt: the fixed line spacing of a document body
      children: [new TextRun({ text, font: DOC_FONT.body, size: DOC_SIZE.body })],
    });
  const document = new Document({
    styles: { default: { document: { run: { font: DOC_FONT.body, size: DOC_SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 21 * CM, height: 29.7 * CM, orientation: PageOrientation.LANDSCAPE },
            margin: MARGIN,
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: 'Times New Roman', size: 28 })],
              }),
            ],
          }),
        },
        children: [
          // The number above a red rule, as under the masthead of a 红头 document; a draft has none yet.
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 480 },
            border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: DOC_RED, space: 6 } },
            children: [new TextRun({ text: doc.documentNumber ?? '（送审稿）', font: DOC_FONT.body, size: DOC_SIZE.body })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 480, line: 700 },
            children: [new TextRun({ text: doc.title, font: DOC_FONT.title, size: DOC_SIZE.title })],
          }),
          bodyText('各乡镇（街道），县直各单位，各垂直管理单位：'),
          bodyText(doc.intro, { indent: 'first' }),
          new Paragraph({ spacing: { before: 240 }, children: [] }),
          new Paragraph({ children: [new TextRun(TABLE_PLACE)] }),
          ...(doc.issuedOn ? [bodyText(chineseDay(doc.issuedOn), { align: AlignmentType.RIGHT, indent: 'right', before: 480 })] : []),
        ],
      },
    ],
  });
  const parts = Object.entries(unzipSync(await Packer.toBuffer(document)));
  const xml = new TextDecoder().decode(parts.find(([name]) => name === 'word/document.xml')![1]);
  const at = xml.indexOf(TABLE_PLACE);
  return { parts, before: xml.slice(0, xml.lastIndexOf('<w:p>', at)), after: xml.slice(xml.indexOf('</w:p>', at) + '</w:p>'.length) };
}

// A zip entry deflated by Node's zlib (five times as fast as fflate's own). Each piece pushed is deflated on its own up
// to a byte boundary (Z_SYNC_FLUSH), so the pieces follow one another as one deflate stream, which the last one ends.
class Deflated extends ZipPassThrough {
  constructor(filename: string) {
    super(filename);
    this.compression = 8;
  }
  override process(chunk: Uint8Array, final: boolean) {
    this.ondata(null, zlib.deflateRawSync(chunk, final ? {} : { finishFlush: zlib.constants.Z_SYNC_FLUSH }), final);
  }
}

/**
 * 月度（周）重点工作安排 as an A4 landscape Word document laid out like a government document, written to `out` while
 * the batches of rows arrive (in the document's order, a leader's rows together): only one batch is in memory, and
 * the next is read only when the client has taken the last. Returns the number of rows.
 */
export async function writePlanDocx(out: PassThrough, doc: PlanDocFrame, batches: AsyncIterable<PlanDocRow[]>) {
  const { parts, before, after } = await frame(doc);
  const encoder = new TextEncoder();
  const zip = new Zip((err, chunk, final) => {
    if (err) out.destroy(err);
    else {
      out.write(chunk);
      if (final) out.end();
    }
  });
  const drained = async () => {
    if (out.writableNeedDrain) await once(out, 'drain');
  };
  let count = 0;
  for (const [name, data] of parts) {
    const entry = new Deflated(name);
    zip.add(entry);
    if (name !== 'word/document.xml') {
      entry.push(data, true);
      continue;
    }
    entry.push(encoder.encode(before + tableStart()));
    let leader: number | null | undefined;
    let ofLeader = 0;
    for await (const rows of batches) {
      const xml = rows.map((r) => {
        ofLeader = count > 0 && r.leaderId === leader ? ofLeader + 1 : 0;
        leader = r.leaderId;
        count += 1;
        return itemRow(r, count, ofLeader, doc.year);
      });
      entry.push(encoder.encode(xml.join('')));
      await drained();
    }
    entry.push(encoder.encode(`${count ? '' : EMPTY_ROW}</w:tbl>${after}`), true);
  }
  zip.end();
  await drained();
  return count;
}

/** The plan as a Word file: the issued document, or before issuing the draft for the meeting, streamed. */
export async function planDocx(deps: Deps, actor: Actor, periodId: number) {
  const { period, leaders, batches } = await documentOf(deps, actor, periodId, BATCH);
  const label = planLabel(period.kind, period.period);
  const doc: PlanDocFrame = {
    title: period.title,
    year: period.period.slice(0, 4),
    documentNumber: period.documentNumber,
    issuedOn: period.issuedAt ? dayOf(period.issuedAt) : null,
    intro: `经研究，现将${label}重点工作安排印发给你们，请各责任领导、责任单位对照时间表、路线图，细化措施，压实责任，确保按时保质完成。各单位据此编制本单位预安表，按要求反馈工作进展。`,
  };
  const byLeader = new Map(leaders.map((l) => [l.leaderId, l]));
  const rows = (async function* () {
    for await (const items of batches) {
      yield items.map((i): PlanDocRow => {
        const l = byLeader.get(i.leaderId);
        const name = l?.name ?? '未定责任领导';
        return {
          leaderId: i.leaderId,
          leader: l?.position ? `${name}\n（${l.position}）` : name,
          leaderRows: l?.items ?? 1,
          title: i.title,
          measures: i.measures,
          units: i.units,
          deadline: i.deadline,
          standard: i.standard,
        };
      });
    }
  })();
  const out = new PassThrough();
  // The answer has started by now, so a failure can only cut the file short; it is logged like any other error.
  writePlanDocx(out, doc, rows).catch((err: unknown) => {
    console.error('计划文件导出中断', err);
    out.destroy(err as Error);
  });
  const fileName = `${period.title}${period.documentNumber ? `（${period.documentNumber}）` : '（送审稿）'}.docx`;
  return { stream: Readable.toWeb(out) as ReadableStream<Uint8Array>, disposition: attachment(fileName, `plan-${period.id}.docx`) };
}
