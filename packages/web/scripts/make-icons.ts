/**
 * Renders the app icons in public/icons from one SVG. The PNGs are committed, so builds need no
 * image tooling; run `npx tsx packages/web/scripts/make-icons.ts` after changing the design.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, '..', 'public', 'icons');

/** Two overlapping speech tiles on the accent green; `inset` leaves the maskable safe zone. */
function svg(size: number, inset: number): string {
  const s = size;
  const u = (s - inset * 2) / 100;
  const at = (v: number) => inset + v * u;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}" viewBox="0 0 ${s} ${s}">
  <rect width="${s}" height="${s}" rx="${inset ? 0 : s * 0.22}" fill="#07c160"/>
  <rect x="${at(16)}" y="${at(22)}" width="${44 * u}" height="${36 * u}" rx="${8 * u}" fill="#fff"/>
  <path d="M${at(24)} ${at(56)} l${-4 * u} ${10 * u} l${12 * u} ${-8 * u}z" fill="#fff"/>
  <rect x="${at(40)}" y="${at(42)}" width="${44 * u}" height="${36 * u}" rx="${8 * u}" fill="#e7f8ee" stroke="#07c160" stroke-width="${3 * u}"/>
  <path d="M${at(76)} ${at(76)} l${4 * u} ${10 * u} l${-12 * u} ${-8 * u}z" fill="#e7f8ee"/>
</svg>`;
}

const icons: { name: string; size: number; inset: number }[] = [
  { name: 'icon-192.png', size: 192, inset: 0 },
  { name: 'icon-512.png', size: 512, inset: 0 },
  { name: 'icon-maskable-512.png', size: 512, inset: 64 },
];
for (const icon of icons) {
  await sharp(Buffer.from(svg(icon.size, icon.inset))).png({ compressionLevel: 9 }).toFile(path.join(out, icon.name));
}
console.log(`wrote ${icons.length} icons to ${out}`);
