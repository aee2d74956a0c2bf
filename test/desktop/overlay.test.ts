// The Windows taskbar overlay with the unread number (src/desktop/overlay.ts, png.ts): pure pixels and PNG bytes.
// The PNG is read back by inflating its IDAT, so what main hands to nativeImage is checked byte for byte; the
// images are also saved under test-output/desktop/ for a reviewer to look at.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { crc32, inflateSync } from 'node:zlib';
import { OVERLAY_SIZE, overlayPixels, overlayPng, textMask } from '../../src/desktop/overlay.ts';

const OUT = join(import.meta.dirname, '..', '..', 'test-output', 'desktop');

/** Reads an 8-bit RGBA, non-interlaced PNG with filter 0 rows (what encodePng writes): size and pixels. */
function readPng(png: Buffer): { width: number; height: number; rgba: Buffer } {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  let off = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  const types: string[] = [];
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const type = png.toString('ascii', off + 4, off + 8);
    const data = png.subarray(off + 8, off + 8 + len);
    assert.equal(png.readUInt32BE(off + 8 + len), crc32(png.subarray(off + 4, off + 8 + len)), `${type} CRC`);
    types.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      assert.deepEqual([...data.subarray(8)], [8, 6, 0, 0, 0], 'RGBA, 8 bits, no interlace');
    } else if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  assert.deepEqual(types, ['IHDR', 'IDAT', 'IEND']);
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    assert.equal(raw[y * (1 + width * 4)], 0, 'filter None');
    raw.copy(rgba, y * width * 4, y * (1 + width * 4) + 1, (y + 1) * (1 + width * 4));
  }
  return { width, height, rgba };
}

/** WCAG 2 relative luminance and contrast ratio. */
const luminance = (r: number, g: number, b: number) =>
  [r, g, b]
    .map((v) => v / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);

test('nothing unread: no overlay at all', () => {
  assert.equal(overlayPixels(0), null);
  assert.equal(overlayPng(0), null);
});

test('the PNG main hands to nativeImage is exactly the drawn pixels, 32×32 RGBA', () => {
  mkdirSync(OUT, { recursive: true });
  for (const n of [1, 7, 42, 100]) {
    const png = overlayPng(n);
    assert.ok(png);
    writeFileSync(join(OUT, `overlay-${n}.png`), png);
    const { width, height, rgba } = readPng(png);
    assert.deepEqual([width, height], [OVERLAY_SIZE, OVERLAY_SIZE]);
    assert.deepEqual(rgba, Buffer.from(overlayPixels(n)!));
  }
});

test('the number is white on the red disc, inside its rim, centred, legible (contrast ≥ 4.5:1)', () => {
  const S = OVERLAY_SIZE;
  for (const [n, text] of [
    [3, '3'],
    [42, '42'],
    [150, '99+'],
  ] as const) {
    const px = overlayPixels(n)!;
    const mask = textMask(text);
    const ink: [number, number][] = [];
    for (let y = 0; y < S; y++)
      for (let x = 0; x < S; x++) {
        const i = (y * S + x) * 4;
        if (!mask[y * S + x]) continue;
        ink.push([x, y]);
        assert.deepEqual([...px.subarray(i, i + 4)], [255, 255, 255, 255], `${text}: ink at ${x},${y} is opaque white`);
        assert.ok(Math.hypot(x - (S - 1) / 2, y - (S - 1) / 2) < S / 2 - 1, `${text}: ink inside the rim`);
      }
    assert.ok(ink.length > 10, `${text}: drawn`);
    const xs = ink.map(([x]) => x);
    const ys = ink.map(([, y]) => y);
    assert.ok(Math.abs(Math.min(...xs) + Math.max(...xs) - (S - 1)) <= 1, `${text}: centred across`);
    assert.ok(Math.abs(Math.min(...ys) + Math.max(...ys) - (S - 1)) <= 1, `${text}: centred down`);
    // The corners are transparent (a disc, not a square).
    assert.equal(px[3], 0);
  }
  const centre = overlayPixels(1)!;
  const i = (2 * S + S / 2) * 4; // near the top, above the text: disc colour
  const [r, g, b] = [centre[i]!, centre[i + 1]!, centre[i + 2]!];
  const ratio = (1 + 0.05) / (luminance(r, g, b) + 0.05);
  assert.ok(ratio >= 4.5, `white on the disc: ${ratio.toFixed(2)}:1`);
  // Different counts give different images; above 99 they all read "99+".
  assert.notDeepEqual(overlayPixels(41), overlayPixels(42));
  assert.deepEqual(overlayPixels(150), overlayPixels(4000));
});
