// The unread count on the Windows taskbar button (BrowserWindow.setOverlayIcon): a red disc with the number in white,
// drawn here as pixels and written as PNG (src/desktop/png.ts), so main only hands the bytes to nativeImage. The
// text is badge.ts's badgeText ("7", "42", "99+"); the count itself is also the overlay's description (screen
// readers) and the tray tooltip. Windows shows overlays at 16×16 and up on high-DPI screens: drawn at 32×32.
import { badgeText } from './badge.ts';
import { encodePng } from './png.ts';

export const OVERLAY_SIZE = 32;
/** #C41C1C: white on it is 5.9:1 (WCAG AA for small text). */
const DISC = [0xc4, 0x1c, 0x1c] as const;

// 3×5 glyphs, one string per row ('#' = ink): digits and '+'.
const GLYPHS: Record<string, readonly string[]> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '###', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '..#', '..#', '..#'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  '+': ['...', '.#.', '###', '.#.', '...'],
};

/** Which pixels of the text are ink, at the largest whole scale whose box fits inside the disc's rim; centred. */
export function textMask(text: string, size = OVERLAY_SIZE): boolean[] {
  const mask = new Array<boolean>(size * size).fill(false);
  const glyphs = [...text].map((c) => GLYPHS[c]);
  if (glyphs.length === 0 || glyphs.some((g) => !g)) return mask;
  const columns = glyphs.length * 4 - 1; // 3 per glyph, 1 between
  const inner = size / 2 - 2; // a rim of red all round
  let scale = 1;
  while (Math.hypot(((scale + 1) * columns) / 2, ((scale + 1) * 5) / 2) <= inner) scale++;
  const width = columns * scale;
  const x0 = Math.floor((size - width) / 2);
  const y0 = Math.floor((size - 5 * scale) / 2);
  glyphs.forEach((g, i) => {
    (g as readonly string[]).forEach((row, gy) => {
      [...row].forEach((cell, gx) => {
        if (cell !== '#') return;
        for (let dy = 0; dy < scale; dy++)
          for (let dx = 0; dx < scale; dx++) {
            const x = x0 + (i * 4 + gx) * scale + dx;
            const y = y0 + gy * scale + dy;
            mask[y * size + x] = true;
          }
      });
    });
  });
  return mask;
}

/** RGBA pixels of the overlay for an unread count, or null when there is nothing unread (no overlay). */
export function overlayPixels(unread: number, size = OVERLAY_SIZE): Uint8Array | null {
  const text = badgeText(unread);
  if (!text) return null;
  const ink = textMask(text, size);
  const px = new Uint8Array(size * size * 4);
  const c = (size - 1) / 2;
  const r = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Coverage of the disc's edge by distance, for a smooth rim without a full anti-aliasing pass.
      const d = Math.hypot(x - c, y - c);
      const alpha = Math.max(0, Math.min(1, r - d));
      if (alpha === 0) continue;
      const i = (y * size + x) * 4;
      const white = ink[y * size + x];
      px[i] = white ? 0xff : DISC[0];
      px[i + 1] = white ? 0xff : DISC[1];
      px[i + 2] = white ? 0xff : DISC[2];
      px[i + 3] = Math.round(alpha * 255);
    }
  }
  return px;
}

/** The overlay as PNG bytes (nativeImage.createFromBuffer), or null for no overlay. */
export function overlayPng(unread: number): Buffer | null {
  const px = overlayPixels(unread);
  return px ? encodePng(px, OVERLAY_SIZE, OVERLAY_SIZE) : null;
}
