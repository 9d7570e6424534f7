// Small site "photos" for progress reports: a sky-to-ground gradient with a few buildings, made with sharp. No text.
import sharp from 'sharp';
import type { Random } from './random.js';

const SKIES = [
  ['#9cc9f0', '#e8f3fb'],
  ['#b7d3e8', '#f4f1e6'],
  ['#f5c98c', '#fbeede'],
  ['#c5ccd6', '#eceff3'],
];
const GROUNDS = ['#8a9a5b', '#a9a08a', '#7d8c6a', '#b5a88f'];
const WALLS = ['#d8d2c4', '#c9b79c', '#e6e1d6', '#b9c4cc', '#d9c3a5'];

export async function makePhoto(random: Random): Promise<Buffer> {
  const [sky, haze] = random.pick(SKIES);
  const shapes: string[] = [];
  let x = random.int(0, 40);
  while (x < 640) {
    const w = random.int(50, 120);
    const h = random.int(80, 230);
    shapes.push(`<rect x="${x}" y="${330 - h}" width="${w}" height="${h}" fill="${random.pick(WALLS)}"/>`);
    for (let wy = 340 - h; wy < 310; wy += 28) {
      for (let wx = x + 10; wx < x + w - 16; wx += 24) shapes.push(`<rect x="${wx}" y="${wy}" width="10" height="14" fill="#5d6d7e" opacity="0.6"/>`);
    }
    x += w + random.int(8, 40);
  }
  if (random.chance(0.5)) shapes.push(`<line x1="${random.int(80, 560)}" y1="60" x2="${random.int(80, 560)}" y2="330" stroke="#d35400" stroke-width="6"/>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
  <defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky}"/><stop offset="1" stop-color="${haze}"/></linearGradient></defs>
  <rect width="640" height="480" fill="url(#s)"/>
  <circle cx="${random.int(60, 580)}" cy="${random.int(40, 110)}" r="26" fill="#fff7d6" opacity="0.8"/>
  ${shapes.join('')}
  <rect y="330" width="640" height="150" fill="${random.pick(GROUNDS)}"/>
  <rect y="${random.int(380, 420)}" width="640" height="26" fill="#6b6b6b" opacity="0.7"/>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 70 }).toBuffer();
}
