// The user's preferences: one zod schema with a default for every key (docs/settings.md). Per-user and changeable by the
// user; machine-wide policy set by IT lives elsewhere, and secrets never come near this. Others add their keys here with
// a default, so an older preferences file (without the key) still loads.
import { z } from 'zod';
import { sort as messageSortSchema } from '../api/methods/mail.ts';
import { mergeOneLevel } from '../shared/merge.ts';

/** Entries of the "always load remote content from this sender" list (docs/reader.md "Remote content"). */
export const MAX_REMOTE_SENDERS = 1000;

export const remoteSenderSchema = z.object({
  accountId: z.string().min(1).max(320),
  sender: z.string().trim().toLowerCase().min(1).max(320),
});

export const preferencesSchema = z.object({
  language: z.enum(['vi', 'en']).default('vi'),
  /** "system" follows prefers-color-scheme; "highContrast" is the high-contrast Fluent theme. */
  theme: z.enum(['system', 'light', 'dark', 'highContrast']).default('system'),
  readingPane: z.enum(['right', 'bottom', 'off']).default('right'),
  /** Share of the mail area the reading pane takes (the splitter), right or bottom. */
  readingPaneShare: z.number().min(0.2).max(0.8).default(0.6),
  /** The message list's order (Outlook's "Sắp xếp theo"), the same for every folder. */
  messageSort: messageSortSchema.default({ by: 'date', dir: 'desc' }),
  conversationView: z.boolean().default(false),
  /**
   * Remote content (images from the Internet) in HTML mail is always blocked first. "ask": a bar offers to load it
   * for this message or always for this sender; "never": it stays blocked, senders on the list included.
   */
  remoteContent: z.enum(['ask', 'never']).default('ask'),
  remoteSenders: z.array(remoteSenderSchema).max(MAX_REMOTE_SENDERS).default([]),
  notifications: z
    .object({ enabled: z.boolean().default(true), sound: z.boolean().default(false) })
    .default({ enabled: true, sound: false }),
  /** Bodies of messages newer than this many days are fetched in the background after a sync (0: none). */
  prefetchDays: z.number().int().min(0).max(3650).default(30),
  /** Signature HTML per account id (the compose engineer's SignatureEditor writes it). */
  signatures: z.record(z.string().min(1).max(320), z.string().max(100_000)).default({}),
  /** Seconds a sent message waits in the outbox so it can be taken back. */
  undoSendSeconds: z.number().int().min(0).max(60).default(5),
  /** The search box's recent searches, newest first (its suggestions). */
  recentSearches: z.array(z.string().max(2000)).max(20).default([]),
});

export type Preferences = z.output<typeof preferencesSchema>;

/**
 * A change: any subset of the top-level keys. Nested objects (notifications, signatures) are merged one level deep,
 * so `{ signatures: { "a@x": "<p>…</p>" } }` sets one account's signature and keeps the others; arrays are replaced.
 */
export const preferencesPatchSchema = z
  .object({
    language: preferencesSchema.shape.language.unwrap(),
    theme: preferencesSchema.shape.theme.unwrap(),
    readingPane: preferencesSchema.shape.readingPane.unwrap(),
    readingPaneShare: preferencesSchema.shape.readingPaneShare.unwrap(),
    messageSort: messageSortSchema,
    conversationView: z.boolean(),
    remoteContent: preferencesSchema.shape.remoteContent.unwrap(),
    remoteSenders: z.array(remoteSenderSchema).max(MAX_REMOTE_SENDERS),
    notifications: z.object({ enabled: z.boolean(), sound: z.boolean() }).partial(),
    prefetchDays: preferencesSchema.shape.prefetchDays.unwrap(),
    signatures: preferencesSchema.shape.signatures.unwrap(),
    undoSendSeconds: preferencesSchema.shape.undoSendSeconds.unwrap(),
    recentSearches: preferencesSchema.shape.recentSearches.unwrap(),
  })
  .partial()
  .strict();

export type PreferencesPatch = z.input<typeof preferencesPatchSchema>;

export function defaultPreferences(): Preferences {
  return preferencesSchema.parse({});
}

/**
 * Reads whatever a preferences file holds: keys that fail validation fall back to their default one by one, so a
 * hand-edited or older file never loses the keys that are still good. Unknown keys are dropped.
 */
export function readPreferences(raw: unknown): { prefs: Preferences; invalid: string[] } {
  const obj = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  const invalid: string[] = [];
  for (const [key, schema] of Object.entries(preferencesSchema.shape)) {
    if (!(key in obj)) continue;
    const r = (schema as z.ZodType).safeParse(obj[key]);
    if (r.success) out[key] = obj[key];
    else invalid.push(key);
  }
  return { prefs: preferencesSchema.parse(out), invalid };
}

/** Applies a validated patch (src/shared/merge.ts); the result is validated again as a whole. */
export function applyPatch(prefs: Preferences, patch: z.output<typeof preferencesPatchSchema>): Preferences {
  return preferencesSchema.parse(mergeOneLevel(prefs, patch));
}

/** Which top-level keys differ (shallow JSON comparison; the values are small). */
export function changedKeys(a: Preferences, b: Preferences): (keyof Preferences)[] {
  return (Object.keys(b) as (keyof Preferences)[]).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}
