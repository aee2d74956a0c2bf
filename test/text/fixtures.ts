// Fixture loading for the text tests (test/fixtures/text/, see SOURCE.md there).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'text');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** The QĐ 50/2009 excerpt, without Markdown emphasis, NFC. */
export function qd50(): string {
  return fixture('qd50-2009-excerpt.txt').replace(/\*/g, '').normalize('NFC');
}

/** Our own sample lines, NFC. */
export function ownSamples(): string {
  return fixture('own-samples.txt').normalize('NFC');
}

/** Paragraphs (non-empty lines) of a text. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
