// Draws the Teams app icons from geometry, deterministically: a speech bubble with three dots ("a dialogue").
//   color.png   192×192, full colour: white bubble on the accent colour (Teams rounds the corners itself).
//   outline.png  32×32, white on transparent, as Teams requires for the outline icon.
// Usage: node manifest/tools/generate-icons.mjs [outDir]   (default: manifest/, next to manifest.json)
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from './png.mjs';

const ACCENT = [0x3b, 0x5b, 0xa5]; // the manifest's accentColor
const WHITE = [0xff, 0xff, 0xff];
const SAMPLES = 4; // 4×4 supersampling per pixel: smooth edges, still deterministic

// Shapes in unit coordinates (0..1, y down).
function roundRectDistance(x, y, left, top, right, bottom, radius) {
  const cx = (left + right) / 2, cy = (top + bottom) / 2;
  const qx = Math.abs(x - cx) - ((right - left) / 2 - radius);
  const qy = Math.abs(y - cy) - ((bottom - top) / 2 - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

function inTriangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const s1 = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
  const s2 = (cx - bx) * (y - by) - (cy - by) * (x - bx);
  const s3 = (ax - cx) * (y - cy) - (ay - cy) * (x - cx);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

function inBubble(x, y, inset = 0) {
  const body = roundRectDistance(x, y, 0.16, 0.2, 0.84, 0.68, 0.14) <= -inset;
  const tail = inTriangle(x, y, [0.3 + inset, 0.6], [0.46 - inset, 0.6], [0.26 + inset * 0.5, 0.84 - inset * 1.6]);
  return body || tail;
}

function inDot(x, y) {
  return [0.33, 0.5, 0.67].some((cx) => Math.hypot(x - cx, y - 0.44) <= 0.06);
}

/** Renders size×size pixels; paint(x, y) gives [r, g, b, a] (0..1 alpha) for one sample point. */
function render(size, paint) {
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const [cr, cg, cb, ca] = paint((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          r += cr * ca; g += cg * ca; b += cb * ca; a += ca;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        pixels[i] = Math.round(r / a); pixels[i + 1] = Math.round(g / a); pixels[i + 2] = Math.round(b / a);
      }
      pixels[i + 3] = Math.round((a / (SAMPLES * SAMPLES)) * 255);
    }
  }
  return pixels;
}

const color = render(192, (x, y) => {
  if (inBubble(x, y) && !inDot(x, y)) return [...WHITE, 1];
  return [...ACCENT, 1];
});

const STROKE = 0.09;
const outline = render(32, (x, y) => {
  const stroke = inBubble(x, y) && !inBubble(x, y, STROKE);
  return stroke || inDot(x, y) ? [...WHITE, 1] : [...WHITE, 0];
});

const outDir = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(outDir, 'color.png'), encodePng(192, 192, color));
writeFileSync(join(outDir, 'outline.png'), encodePng(32, 32, outline));
console.log(`Wrote ${join(outDir, 'color.png')} (192x192) and ${join(outDir, 'outline.png')} (32x32).`);
