// A recipient field (Đến / CC / BCC) as Outlook has it: recipients as chips, a text input for the next one, and
// suggestions from the engine (contacts.suggest: recent correspondents, directory entries, groups) as the user types,
// without diacritics if they like. Keyboard: ↑/↓ choose, Enter/Tab/","/";" commit, Backspace on an empty input removes
// the last chip, Escape closes the list. Pasting "a@x; B <b@y>" makes chips. An invalid address stays as a red chip
// with its reason (clicking it puts it back into the input to correct); the pane refuses to send while one is left.
// The rules are src/shared/recipients.ts; this only presents them. ARIA 1.2 combobox with a listbox popup.
import { Button, Field, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { DismissRegular, ErrorCircleRegular, PeopleTeamRegular } from '@fluentui/react-icons';
import { useEffect, useId, useRef, useState, type ClipboardEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { Address } from '../../../src/api/types.ts';
import type { ContactSuggestion } from '../../../src/api/types-contacts.ts';
import { writeRecipients } from '../../../src/shared/directory.ts';
import { addRecipients, parseRecipientText, type RecipientItem } from '../../../src/shared/recipients.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';

/** Wait this long after the last key before asking for suggestions (the query is ~1 ms; this spares the IPC). */
const SUGGEST_DELAY_MS = 120;
const SUGGEST_LIMIT = 8;

const useStyles = makeStyles({
  box: {
    position: 'relative',
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minHeight: '32px',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderBottomColor: tokens.colorNeutralStrokeAccessible,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    ':focus-within': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`, outlineOffset: '-1px' },
  },
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    margin: 0,
    padding: 0,
    listStyle: 'none',
    maxWidth: '100%',
  },
  chip: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    maxWidth: '100%',
    paddingLeft: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase300,
  },
  invalid: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    color: tokens.colorPaletteRedForeground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorPaletteRedBorder2}`,
  },
  chipText: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    border: 'none',
    background: 'none',
    color: 'inherit',
    font: 'inherit',
    padding: 0,
    cursor: 'pointer',
  },
  dismiss: { minWidth: '20px', height: '20px', color: 'inherit' },
  input: {
    flex: 1,
    minWidth: '12em',
    border: 'none',
    outline: 'none',
    background: 'transparent',
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    padding: `${tokens.spacingVerticalXS} 0`,
  },
  list: {
    position: 'absolute',
    top: '100%',
    left: 0,
    right: 0,
    zIndex: 10,
    margin: `${tokens.spacingVerticalXXS} 0 0 0`,
    padding: tokens.spacingVerticalXXS,
    listStyle: 'none',
    maxHeight: '320px',
    overflowY: 'auto',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow16,
  },
  option: {
    display: 'flex',
    flexDirection: 'column',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
  },
  active: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    outlineOffset: '-2px',
  },
  optionName: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  optionDetail: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  status: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clipPath: 'inset(50%)' },
});

export interface RecipientFieldProps {
  label: string;
  /** The valid recipients (the draft's). */
  value: readonly Address[];
  /** Items that are not addresses, as written: red chips. */
  invalid: readonly RecipientItem[];
  onChange(value: Address[], invalid: RecipientItem[]): void;
  /** What is typed and not yet a chip (the pane commits it before sending). */
  text: string;
  onText(text: string): void;
  /** Whose recent correspondents to suggest. */
  accountId: string;
  testId: string;
  autoFocus?: boolean;
  /** A message from the pane (no recipient; invalid addresses when sending). */
  error?: string | null;
  hint?: string;
  /** At the end of the line: the "CC" / "BCC" buttons of the To field. */
  after?: ReactNode;
  inputRef?: { current: HTMLInputElement | null };
}

export function RecipientField(props: RecipientFieldProps) {
  const { label, value, invalid, onChange, text, onText, accountId, testId } = props;
  const api = useApi();
  const { t } = useI18n();
  const s = useStyles();
  const listId = useId();
  const [suggestions, setSuggestions] = useState<ContactSuggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announce, setAnnounce] = useState('');
  const ownRef = useRef<HTMLInputElement | null>(null);
  const inputRef = props.inputRef ?? ownRef;
  const asked = useRef(0);

  // Suggestions for what is typed, newest request wins.
  useEffect(() => {
    const query = text.trim();
    if (!query) {
      setSuggestions([]);
      setOpen(false);
      return;
    }
    const n = ++asked.current;
    const timer = setTimeout(() => {
      void api
        .call('contacts.suggest', { accountId: accountId || undefined, query, limit: SUGGEST_LIMIT })
        .then((r) => {
          if (n !== asked.current) return;
          const list = r.ok ? r.value : [];
          setSuggestions(list);
          setActive(list.length ? 0 : -1);
          setOpen(list.length > 0);
        });
    }, SUGGEST_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, accountId, api]);

  const close = () => {
    asked.current++;
    setOpen(false);
    setActive(-1);
  };

  /** Adds parsed items: valid ones to the list (no duplicates), invalid ones as red chips. */
  const addItems = (items: readonly RecipientItem[]) => {
    const good = items.filter((i) => !i.problem).map((i) => ({ name: i.name, address: i.address }));
    const bad = items.filter((i) => i.problem && !invalid.some((x) => x.raw === i.raw));
    onChange(addRecipients(value, good), [...invalid, ...bad]);
  };

  const commitText = (): boolean => {
    if (!text.trim()) return false;
    addItems(parseRecipientText(text));
    onText('');
    close();
    return true;
  };

  const choose = async (sg: ContactSuggestion) => {
    onText('');
    close();
    if (sg.kind !== 'group') {
      onChange(addRecipients(value, [{ name: sg.name, address: sg.address }]), [...invalid]);
      return;
    }
    // A group is written to whole: every active member with an address (src/shared/directory.ts).
    const r = await api.call('directory.members', { groupId: sg.id });
    if (!r.ok) return setAnnounce(t('compose.group.failed', { name: sg.name }));
    const members = writeRecipients(r.value.members);
    onChange(addRecipients(value, members), [...invalid]);
    setAnnounce(t('compose.group.added', { count: members.length, name: sg.name }));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    const current = open && active >= 0 ? suggestions[active] : undefined;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (!suggestions.length) return;
        e.preventDefault();
        setOpen(true);
        setActive((i) => {
          const n = suggestions.length;
          return e.key === 'ArrowDown' ? (i + 1) % n : (i - 1 + n) % n;
        });
        return;
      case 'Enter':
        // Ctrl+Enter is the pane's "send": commit what is typed and let it through.
        if (e.ctrlKey || e.metaKey) {
          commitText();
          return;
        }
        e.preventDefault();
        if (current) void choose(current);
        else commitText();
        return;
      case 'Tab':
        if (current) {
          e.preventDefault();
          void choose(current);
        } else if (text.trim()) {
          e.preventDefault();
          commitText();
        }
        return;
      case ',':
      case ';':
        // A typed address is taken as typed; a typed name takes the highlighted suggestion.
        e.preventDefault();
        if (current && !text.includes('@')) void choose(current);
        else commitText();
        return;
      case 'Escape':
        if (open) {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
        return;
      case 'Backspace':
        if (text === '' && (value.length || invalid.length)) {
          e.preventDefault();
          if (invalid.length) onChange([...value], invalid.slice(0, -1));
          else onChange(value.slice(0, -1), [...invalid]);
        }
        return;
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const pasted = e.clipboardData.getData('text/plain');
    if (!/[,;\n]/.test(pasted) && !/<[^<>]*@[^<>]*>/.test(pasted)) return;
    e.preventDefault();
    addItems(parseRecipientText(text + pasted));
    onText('');
    close();
  };

  const problemText = (i: RecipientItem) => t(`compose.address.problem.${i.problem ?? 'missingAt'}`);
  const invalidMessage = invalid.length
    ? invalid.map((i) => t('compose.address.invalid', { item: i.raw, reason: problemText(i) })).join(' ')
    : null;
  const message = [invalidMessage, props.error].filter(Boolean).join(' ') || null;
  const activeId = open && active >= 0 ? `${listId}-${active}` : undefined;

  return (
    <Field
      label={label}
      validationMessage={message ?? undefined}
      validationState={message ? 'error' : 'none'}
      hint={message ? undefined : props.hint}
    >
      {(field) => (
        <div
          className={s.box}
          data-testid={testId}
          data-addresses={value.map((a) => a.address).join(', ')}
          onClick={(e) => {
            if (e.target === e.currentTarget) inputRef.current?.focus();
          }}
        >
          <ul className={s.chips} aria-label={t('compose.recipients.of')}>
            {value.map((a) => (
              <li key={a.address.toLowerCase()} className={s.chip} title={a.address} data-address={a.address}>
                <span className={s.chipText}>{a.name || a.address}</span>
                <Button
                  size="small"
                  appearance="transparent"
                  className={s.dismiss}
                  icon={<DismissRegular />}
                  aria-label={t('compose.recipient.remove', { name: a.name || a.address })}
                  onClick={() => {
                    onChange(
                      value.filter((x) => x !== a),
                      [...invalid],
                    );
                    inputRef.current?.focus();
                  }}
                />
              </li>
            ))}
            {invalid.map((i) => (
              <li key={`!${i.raw}`} className={mergeClasses(s.chip, s.invalid)} data-invalid="true">
                <ErrorCircleRegular aria-hidden="true" />
                <button
                  type="button"
                  className={s.chipText}
                  title={problemText(i)}
                  aria-label={t('compose.recipient.fix', { item: i.raw, reason: problemText(i) })}
                  onClick={() => {
                    // Back into the input to correct it.
                    onChange(
                      [...value],
                      invalid.filter((x) => x !== i),
                    );
                    onText(i.raw);
                    inputRef.current?.focus();
                  }}
                >
                  {i.raw}
                </button>
                <Button
                  size="small"
                  appearance="transparent"
                  className={s.dismiss}
                  icon={<DismissRegular />}
                  aria-label={t('compose.recipient.remove', { name: i.raw })}
                  onClick={() =>
                    onChange(
                      [...value],
                      invalid.filter((x) => x !== i),
                    )
                  }
                />
              </li>
            ))}
          </ul>
          <input
            {...field}
            ref={inputRef}
            className={s.input}
            value={text}
            autoFocus={props.autoFocus}
            autoComplete="off"
            spellCheck={false}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={activeId}
            onChange={(e) => onText(e.target.value)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onBlur={() => {
              close();
              commitText();
            }}
          />
          {props.after}
          {open ? (
            <ul id={listId} role="listbox" className={s.list} aria-label={t('compose.suggestions')}>
              {suggestions.map((sg, i) => (
                <li
                  key={`${sg.kind}:${sg.kind === 'group' ? sg.id : sg.address}`}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className={mergeClasses(s.option, i === active && s.active)}
                  // The input keeps focus: a click must not blur it (which would commit the typed text).
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => void choose(sg)}
                  onMouseEnter={() => setActive(i)}
                >
                  <span className={s.optionName}>
                    {sg.kind === 'group' ? <PeopleTeamRegular aria-hidden="true" /> : null}
                    {sg.name || (sg.kind === 'group' ? '' : sg.address)}
                  </span>
                  <span className={s.optionDetail}>{detail(sg, t)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <ul id={listId} role="listbox" hidden aria-label={t('compose.suggestions')} />
          )}
          <span className={s.status} role="status">
            {announce}
          </span>
        </div>
      )}
    </Field>
  );
}

function detail(sg: ContactSuggestion, t: ReturnType<typeof useI18n>['t']): string {
  switch (sg.kind) {
    case 'recent':
      return t('compose.suggest.recent', { address: sg.address });
    case 'directory':
      return sg.title
        ? t('compose.suggest.directoryTitle', { address: sg.address, title: sg.title })
        : t('compose.suggest.directory', { address: sg.address });
    case 'group':
      return t('compose.suggest.group', { count: sg.members });
  }
}
