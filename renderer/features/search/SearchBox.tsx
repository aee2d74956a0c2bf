// The one search box in the toolbar (Ctrl+E), Outlook-like: results come as you type (after a short pause), Enter
// searches at once and remembers the search, Escape closes the suggestions and then leaves the search. Suggestions
// (suggest.ts) follow the ARIA 1.2 combobox pattern: the focus stays in the box, arrows move the active option.
import { Button, makeStyles, mergeClasses, tokens, useId } from '@fluentui/react-components';
import { DismissRegular, SearchRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../../api/context.tsx';
import { useCommand } from '../../app/commands.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/translate.ts';
import { usePreferences } from '../settings/PreferencesProvider.tsx';
import { contactQuery, rememberSearch, suggest, type Suggestion } from './suggest.ts';

/** The pause after the last keystroke before the results follow what is typed. */
const TYPING_PAUSE_MS = 250;

const useStyles = makeStyles({
  // Gives way to the header's toolbar in a narrow window (1024 px) rather than widening the shell.
  root: { position: 'relative', width: 'min(420px, 24vw)', minWidth: '180px', flexShrink: 1 },
  box: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    paddingLeft: tokens.spacingHorizontalS,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    ':focus-within': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-1px' },
  },
  input: {
    flex: 1,
    minWidth: 0,
    height: '30px',
    border: 'none',
    outline: 'none',
    background: 'transparent',
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
    fontSize: tokens.fontSizeBase300,
    '::placeholder': { color: tokens.colorNeutralForeground3 },
  },
  icon: { color: tokens.colorNeutralForeground2, flexShrink: 0 },
  popup: {
    position: 'absolute',
    top: 'calc(100% + 4px)',
    left: 0,
    right: 0,
    zIndex: 20,
    maxHeight: '360px',
    overflowY: 'auto',
    margin: 0,
    padding: `${tokens.spacingVerticalXS} 0`,
    listStyle: 'none',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow16,
  },
  option: {
    display: 'flex',
    flexDirection: 'column',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    cursor: 'pointer',
    color: tokens.colorNeutralForeground1,
  },
  active: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    color: tokens.colorNeutralForeground1Selected,
    outline: `1px solid ${tokens.colorStrokeFocus2}`,
    outlineOffset: '-1px',
  },
  label: { fontFamily: tokens.fontFamilyMonospace },
  person: { fontWeight: tokens.fontWeightSemibold },
  hint: { fontSize: tokens.fontSizeBase200, color: 'inherit', opacity: 0.85 },
});

export interface SearchBoxProps {
  /** The query to show results for (as typed, after a pause, or at once on Enter). */
  onSearch(query: string): void;
  /** Leave the search: back to the folder. */
  onClear(): void;
  /** Whether results are shown; when the app leaves the search (a folder was picked), the box empties. */
  active: boolean;
}

export function SearchBox({ onSearch, onClear, active: searching }: SearchBoxProps) {
  const api = useApi();
  const { t } = useI18n();
  const s = useStyles();
  const { prefs, update } = usePreferences();
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId('search-suggestions');
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [people, setPeople] = useState<{ name: string; address: string | null }[]>([]);
  const searched = useRef('');

  const wasSearching = useRef(searching);
  useEffect(() => {
    if (wasSearching.current && !searching) {
      setText('');
      searched.current = '';
    }
    wasSearching.current = searching;
  }, [searching]);

  useCommand('search.focus', () => {
    inputRef.current?.focus();
    inputRef.current?.select();
  });

  // People from the directory for from:/to: being typed.
  const contact = contactQuery(text);
  const contactValue = contact?.value ?? null;
  useEffect(() => {
    if (contactValue === null) return setPeople([]);
    let current = true;
    const timer = setTimeout(() => {
      void api.call('directory.search', { query: contactValue, limit: 8, includeHistorical: false }).then((r) => {
        if (current) setPeople(r.ok ? r.value.hits.map((h) => ({ name: h.entry.name, address: h.entry.address })) : []);
      });
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, contactValue]);

  const suggestions = useMemo(
    () => suggest(text, { recent: prefs.recentSearches, people, today: new Date() }),
    [text, prefs.recentSearches, people],
  );
  const shown = open ? suggestions : [];

  // As you type: the results follow the text after a pause; an emptied box goes back to the folder.
  useEffect(() => {
    const q = text.trim();
    if (q === searched.current) return;
    const timer = setTimeout(
      () => {
        searched.current = q;
        if (q) onSearch(text);
        else onClear();
      },
      q ? TYPING_PAUSE_MS : 0,
    );
    return () => clearTimeout(timer);
  }, [text, onSearch, onClear]);

  const runNow = (q: string) => {
    setText(q);
    setOpen(false);
    setActive(-1);
    if (!q.trim()) return;
    searched.current = q.trim();
    onSearch(q);
    const recent = rememberSearch(prefs.recentSearches, q);
    if (recent.join('\u0000') !== prefs.recentSearches.join('\u0000')) void update({ recentSearches: recent });
  };

  const pick = (sg: Suggestion) => {
    // An operator that takes a value (from:) keeps the box open for it; anything complete searches at once.
    if (sg.kind === 'operator' && sg.query.endsWith(':')) {
      setText(sg.query);
      setActive(-1);
      setOpen(true);
      inputRef.current?.focus();
      return;
    }
    if (sg.kind === 'operator' || sg.kind === 'contact' || sg.kind === 'date') {
      setText(sg.query);
      setActive(-1);
      inputRef.current?.focus();
      return;
    }
    runNow(sg.query);
  };

  const clear = () => {
    setText('');
    setOpen(false);
    searched.current = '';
    onClear();
    inputRef.current?.focus();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, suggestions.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, -1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const sg = active >= 0 ? shown[active] : undefined;
      if (sg) pick(sg);
      else runNow(text);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (open && shown.length > 0) setOpen(false);
      else clear();
    }
  };

  const optionId = (i: number) => `${listId}-${i}`;
  return (
    <div className={s.root} role="search">
      <div className={s.box}>
        <SearchRegular className={s.icon} aria-hidden="true" />
        <input
          ref={inputRef}
          className={s.input}
          type="text"
          role="combobox"
          aria-label={t('search.label')}
          aria-keyshortcuts="Control+E"
          aria-autocomplete="list"
          aria-expanded={shown.length > 0}
          aria-controls={listId}
          aria-activedescendant={active >= 0 && shown[active] ? optionId(active) : undefined}
          placeholder={t('search.placeholder')}
          value={text}
          spellCheck={false}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        {text ? (
          <Button
            appearance="transparent"
            size="small"
            icon={<DismissRegular />}
            aria-label={t('search.clear')}
            onClick={clear}
          />
        ) : null}
      </div>
      <ul
        id={listId}
        role="listbox"
        aria-label={t('search.suggestions')}
        className={s.popup}
        hidden={shown.length === 0}
      >
        {shown.map((sg, i) => (
          <li
            key={`${sg.kind}:${sg.query}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={mergeClasses(s.option, i === active && s.active)}
            // mousedown, not click: the box must not lose the focus (and close the list) first.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(sg);
            }}
            data-testid="search-suggestion"
          >
            <span className={sg.kind === 'contact' ? s.person : s.label}>{sg.label}</span>
            <span className={s.hint}>
              {sg.kind === 'contact' ? sg.detail : sg.hint ? t(sg.hint) : t(`search.kind.${sg.kind}` as MessageKey)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
