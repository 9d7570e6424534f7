import sharp from 'sharp';
const [out, ...files] = process.argv.slice(2);
const metas = await Promise.all(files.map((f) => sharp(f).metadata()));
const w = metas[0]!.width!, h = metas[0]!.height!;
const cols = Math.min(4, files.length), rows = Math.ceil(files.length / cols);
await sharp({ create: { width: w * cols, height: h * rows, channels: 3, background: '#888' } })
  .composite(files.map((f, i) => ({ input: f, left: (i % cols) * w, top: Math.floor(i / cols) * h })))
  .png().toFile(out!);
