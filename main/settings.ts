// Per-user preferences (design.md "What is stored where": settings are electron-store with a JSON schema, in main).
// Only what this user may change: window bounds and language. Machine-wide policy set by IT is a different file, and
// secrets never come near this one. The schema and bounds logic are pure and tested; electron-store (which imports
// electron) is loaded only by openSettings(), inside Electron.
import type { Schema } from 'electron-store';
import type { Lang } from '../src/api/errors.ts';

export interface SavedBounds {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Preferences {
  windowBounds?: SavedBounds;
  language: Lang;
}

const coordinate = { type: 'integer', minimum: -100_000, maximum: 100_000 } as const;
const size = { type: 'integer', minimum: 200, maximum: 100_000 } as const;

export const preferencesSchema: Schema<Preferences> = {
  windowBounds: {
    type: 'object',
    properties: { x: coordinate, y: coordinate, width: size, height: size, maximized: { type: 'boolean' } },
    required: ['x', 'y', 'width', 'height', 'maximized'],
    additionalProperties: false,
  },
  language: { type: 'string', enum: ['vi', 'en'], default: 'vi' },
};

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where to open the window: the saved bounds if at least 100×100 px of the title area is still on a screen (a monitor
 * may have been unplugged since), else the default size, centred by Electron. Never larger than the largest screen.
 */
export function restoreBounds(
  saved: SavedBounds | undefined,
  workAreas: readonly Rect[],
): { x?: number; y?: number; width: number; height: number } {
  const maxW = Math.max(800, ...workAreas.map((a) => a.width));
  const maxH = Math.max(560, ...workAreas.map((a) => a.height));
  if (!saved) return { width: Math.min(DEFAULT_SIZE.width, maxW), height: Math.min(DEFAULT_SIZE.height, maxH) };
  const width = Math.min(saved.width, maxW);
  const height = Math.min(saved.height, maxH);
  const visible = workAreas.some((a) => {
    const overlapW = Math.min(saved.x + width, a.x + a.width) - Math.max(saved.x, a.x);
    const overlapH = Math.min(saved.y + 100, a.y + a.height) - Math.max(saved.y, a.y);
    return overlapW >= 100 && overlapH >= 100;
  });
  return visible ? { x: saved.x, y: saved.y, width, height } : { width, height };
}

export interface Settings {
  windowBounds(): SavedBounds | undefined;
  saveWindowBounds(bounds: SavedBounds): void;
  language(): Lang;
  setLanguage(lang: Lang): void;
}

/** Opens (or creates) `<userData>/preferences.json`. Only call inside Electron's main process. */
export async function openSettings(): Promise<Settings> {
  const { default: Store } = await import('electron-store');
  const store = new Store<Preferences>({
    name: 'preferences',
    schema: preferencesSchema,
    // Preferences are not precious: a corrupt or hand-broken file is reset rather than blocking start-up.
    clearInvalidConfig: true,
  });
  return {
    windowBounds: () => store.get('windowBounds'),
    saveWindowBounds: (bounds) => {
      const round = (n: number) => Math.round(n);
      store.set('windowBounds', {
        x: round(bounds.x),
        y: round(bounds.y),
        width: round(bounds.width),
        height: round(bounds.height),
        maximized: bounds.maximized,
      });
    },
    language: () => store.get('language'),
    setLanguage: (lang) => store.set('language', lang),
  };
}
