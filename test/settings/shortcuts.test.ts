// The one shortcuts table and its matcher, and the command registry (renderer/app/shortcuts.ts, commands.tsx).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchShortcut, shortcuts, type KeyInput } from '../../renderer/app/shortcuts.ts';
import { createCommandRegistry } from '../../renderer/app/commandRegistry.ts';
import { vi } from '../../renderer/i18n/vi.ts';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  isComposing: false,
  ...mods,
});

test("Outlook's keys map to their commands", () => {
  const cases: [KeyInput, string][] = [
    [key('n', { ctrlKey: true }), 'mail.new'],
    [key('r', { ctrlKey: true }), 'mail.reply'],
    [key('R', { ctrlKey: true, shiftKey: true }), 'mail.replyAll'],
    [key('f', { ctrlKey: true }), 'mail.forward'],
    [key('Enter', { ctrlKey: true }), 'mail.send'],
    [key('Delete'), 'mail.delete'],
    [key('q', { ctrlKey: true }), 'mail.markRead'],
    [key('u', { ctrlKey: true }), 'mail.markUnread'],
    [key('Insert'), 'mail.flag'],
    [key('F9'), 'sync.run'],
    [key('e', { metaKey: true }), 'search.focus'],
    [key('F6', { shiftKey: true }), 'nav.previousPane'],
  ];
  for (const [input, command] of cases) assert.equal(matchShortcut(input, false)?.command, command, input.key);
});

test('no shortcut while an IME composes, nor for plain keys in text, nor with extra modifiers', () => {
  // Telex "dd" → "đ" through an IME: the keys belong to the composition.
  assert.equal(matchShortcut(key('e', { ctrlKey: true, isComposing: true }), false), null);
  assert.equal(matchShortcut(key('Process', { keyCode: 229 }), false), null);
  assert.equal(matchShortcut(key('F9', { keyCode: 229 }), false), null);
  assert.equal(matchShortcut(key('Delete'), true), null, 'Delete deletes text in a field');
  assert.equal(matchShortcut(key('Insert'), true), null);
  assert.equal(matchShortcut(key('Enter', { ctrlKey: true }), true)?.command, 'mail.send', 'Ctrl keys work in fields');
  assert.equal(matchShortcut(key('n', { ctrlKey: true, altKey: true }), false), null);
  assert.equal(matchShortcut(key('n'), false), null);
  assert.equal(matchShortcut(key('Escape'), false), null, '"local" keys are the focused control\'s');
});

test('the table: one row per command and per key, each with a Vietnamese label', () => {
  assert.equal(new Set(shortcuts.map((s) => s.command)).size, shortcuts.length);
  assert.equal(new Set(shortcuts.map((s) => s.keys.toLowerCase())).size, shortcuts.length);
  for (const s of shortcuts) assert.ok(vi[s.label].length > 0, s.label);
});

test('registry: the latest registration wins, "not now" falls through, unregistering restores', () => {
  const r = createCommandRegistry();
  const calls: string[] = [];
  assert.equal(r.run('mail.send'), false, 'nobody registered');
  const offList = r.register('mail.delete', () => void calls.push('list'));
  const offDialog = r.register('mail.delete', () => {
    calls.push('dialog?');
    return false;
  });
  assert.equal(r.run('mail.delete'), true);
  assert.deepEqual(calls, ['dialog?', 'list']);
  offDialog();
  offList();
  assert.equal(r.run('mail.delete'), false);
});
