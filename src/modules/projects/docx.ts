// The printable 影像比绩 of a month (Word): for every key project, last photo before the month beside the month's
// latest, each with its date and place, two projects to an A4 page.
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import sharp from 'sharp';
import { chineseDay, chineseMonth, CM, DOC_FONT } from '../../format.js';
import { COLOUR_LABELS, PROJECT_KIND_LABELS, type ProjectKind, type StatusColour } from '../../shared/labels.js';
import type { PhotoRow } from './store.js';

export interface ComparisonItem {
  name: string;
  kind: ProjectKind;
  leadUnitName: string;
  address: string;
  colour: StatusColour;
  before: PhotoRow | null;
  after: PhotoRow | null;
}

const PHOTO_WIDTH = 300; // points on the page, two side by side within A4's text width
const text = (t: string, o: { bold?: boolean; size?: number; font?: string } = {}) =>
  new TextRun({ text: t, bold: o.bold, size: o.size ?? 24, font: o.font ?? DOC_FONT.song });

const place = (p: PhotoRow) =>
  [p.caption, p.latitude !== null && p.longitude !== null ? `北纬 ${p.latitude.toFixed(4)}°，东经 ${p.longitude.toFixed(4)}°` : ''].filter(Boolean).join('；');

async function photoCell(photo: PhotoRow | null, label: string, read: (p: PhotoRow) => Promise<Uint8Array>): Promise<TableCell> {
  const children: Paragraph[] = [new Paragraph({ alignment: AlignmentType.CENTER, children: [text(label, { bold: true })] })];
  if (!photo) {
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 1200, after: 1200 }, children: [text('（无照片）')] }));
  } else {
    // Re-encoded at print size, so the document stays small whatever the camera wrote; rotate() applies EXIF orientation.
    const { data, info } = await sharp(await read(photo))
      .rotate()
      .resize(800, 600, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75 })
      .toBuffer({ resolveWithObject: true });
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new ImageRun({ type: 'jpg', data, transformation: { width: PHOTO_WIDTH, height: Math.round((info.height * PHOTO_WIDTH) / info.width) } })],
      }),
      new Paragraph({ alignment: AlignmentType.CENTER, children: [text(`拍摄于 ${chineseDay(photo.takenOn)}`, { size: 21 })] }),
    );
    if (place(photo)) children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [text(place(photo), { size: 18 })] }));
  }
  return new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children });
}

export async function buildComparisonDocx(period: string, items: ComparisonItem[], read: (p: PhotoRow) => Promise<Uint8Array>): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [text(`${chineseMonth(period)}重点项目影像比绩`, { size: 40, font: DOC_FONT.title })],
    }),
  ];
  for (const [i, item] of items.entries()) {
    if (i > 0 && i % 2 === 0) body.push(new Paragraph({ children: [new PageBreak()] }));
    body.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        spacing: { before: 240, after: 120 },
        children: [text(`${i + 1}. ${item.name}`, { bold: true, size: 28, font: DOC_FONT.head })],
      }),
      new Paragraph({
        spacing: { after: 120 },
        children: [
          text(`${PROJECT_KIND_LABELS[item.kind]}｜牵头单位：${item.leadUnitName}｜${COLOUR_LABELS[item.colour]}${item.address ? `｜${item.address}` : ''}`, {
            size: 21,
          }),
        ],
      }),
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [new TableRow({ children: [await photoCell(item.before, '上期', read), await photoCell(item.after, '本期', read)] })],
      }),
    );
  }
  if (items.length === 0) body.push(new Paragraph({ children: [text('本月没有重点项目。')] }));
  const doc = new Document({
    sections: [{ properties: { page: { margin: { top: 2 * CM, bottom: 2 * CM, left: 2 * CM, right: 2 * CM } } }, children: body }],
  });
  return Packer.toBuffer(doc);
}
