import zlib from 'node:zlib';

// Reads one entry of a ZIP archive through its central directory: enough to look inside a .docx.
export function unzipEntry(zip: Buffer, name: string): string | undefined {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let pos = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const [method, size, nameLength, extraLength, commentLength, offset] = [10, 20, 28, 30, 32, 42].map((o, k) =>
      k === 1 || k === 5 ? zip.readUInt32LE(pos + o) : zip.readUInt16LE(pos + o),
    ) as number[];
    if (zip.toString('utf8', pos + 46, pos + 46 + nameLength!) === name) {
      const start = offset! + 30 + zip.readUInt16LE(offset! + 26) + zip.readUInt16LE(offset! + 28);
      const data = zip.subarray(start, start + size!);
      return (method === 0 ? data : zlib.inflateRawSync(data)).toString('utf8');
    }
    pos += 46 + nameLength! + extraLength! + commentLength!;
  }
  return undefined;
}

// Every entry of a ZIP archive with its bytes (the images of a .docx are under word/media/).
export function zipEntries(zip: Buffer): { name: string; data: Buffer }[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let pos = zip.readUInt32LE(end + 16);
  const out: { name: string; data: Buffer }[] = [];
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const [method, size, nameLength, extraLength, commentLength, offset] = [10, 20, 28, 30, 32, 42].map((o, k) =>
      k === 1 || k === 5 ? zip.readUInt32LE(pos + o) : zip.readUInt16LE(pos + o),
    ) as number[];
    const start = offset! + 30 + zip.readUInt16LE(offset! + 26) + zip.readUInt16LE(offset! + 28);
    const data = zip.subarray(start, start + size!);
    out.push({ name: zip.toString('utf8', pos + 46, pos + 46 + nameLength!), data: method === 0 ? Buffer.from(data) : zlib.inflateRawSync(data) });
    pos += 46 + nameLength! + extraLength! + commentLength!;
  }
  return out;
}
