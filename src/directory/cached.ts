// The directory's in-memory search index for a profile's cache, shared by the directory handlers and contact
// suggestions (src/contacts). A few thousand entries are a few MB; the index is rebuilt when the stored revision
// changes, which also catches an import made by another process on the same profile.
import type { Db } from '../cache/db.ts';
import { DirectoryIndex } from './search.ts';
import { directoryRevision, loadDirectory } from './store.ts';

const cache = new WeakMap<Db, { revision: number; index: DirectoryIndex }>();

export function directoryIndex(db: Db): DirectoryIndex {
  const revision = directoryRevision(db);
  const hit = cache.get(db);
  if (hit && hit.revision === revision) return hit.index;
  const index = new DirectoryIndex(loadDirectory(db));
  cache.set(db, { revision, index });
  return index;
}
