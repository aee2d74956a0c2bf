// Shared helpers for the directory tests.
import { readFileSync } from 'node:fs';
import type { Directory } from '../../src/api/types-directory.ts';
import { DirectoryIndex, readDirectory } from '../../src/directory/index.ts';

export const FIXTURES = new URL('../fixtures/directory/', import.meta.url).pathname;
export const CAN_THO = new URL('../../data/directory/can-tho.json', import.meta.url).pathname;

export function fixture(name: string): Uint8Array {
  return readFileSync(FIXTURES + name);
}

export function load(path: string) {
  return readDirectory(readFileSync(path), { file: path });
}

let canTho: DirectoryIndex | null = null;
/** The shipped Cần Thơ example directory, indexed. */
export function canThoIndex(): DirectoryIndex {
  if (!canTho) {
    const v = load(CAN_THO);
    if (!v.report.ok) throw new Error('can-tho.json does not validate');
    canTho = new DirectoryIndex(v.directory);
  }
  return canTho;
}

/** The directory with entries and groups in a canonical order, for comparing imports of different formats. */
export function canonical(d: Directory): Directory {
  return {
    entries: [...d.entries].sort((a, b) => a.id.localeCompare(b.id)),
    groups: [...d.groups].sort((a, b) => a.id.localeCompare(b.id)),
  };
}
