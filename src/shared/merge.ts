// The one merge rule of a preferences patch (docs/settings.md), used by the engine (src/settings/schema.ts) and by the
// renderer's optimistic view: top-level keys replace, plain objects are merged one level deep, arrays are replaced.

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function mergeOneLevel<T extends object>(base: T, patch: object): T {
  const next: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const cur = next[key];
    next[key] = isPlainObject(cur) && isPlainObject(value) ? { ...cur, ...value } : value;
  }
  return next as T;
}
