import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toSequenceSet } from '../../src/mail/uidset.ts';

test('compresses UIDs into RFC 3501 ranges, unsorted and with duplicates', () => {
  assert.equal(toSequenceSet([5, 1, 2, 3, 9, 7, 8, 8, 20]), '1:3,5,7:9,20');
  assert.equal(toSequenceSet([42]), '42');
  assert.equal(toSequenceSet(Array.from({ length: 100_000 }, (_, i) => 100_000 - i)), '1:100000');
  assert.throws(() => toSequenceSet([]));
});
