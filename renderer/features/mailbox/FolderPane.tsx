// Folder pane: one section per account, special folders first with their Vietnamese names and unread counts.
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import {
  ArchiveRegular,
  DeleteRegular,
  DraftsRegular,
  FlagRegular,
  FolderProhibitedRegular,
  FolderRegular,
  MailInboxRegular,
  MailMultipleRegular,
  PersonRegular,
  SendRegular,
} from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import type { AccountSummary, FolderSummary } from '../../../src/api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatNumber } from '../../i18n/translate.ts';
import type { Loadable } from '../../shared/loadable.ts';
import { ErrorState, LoadingState } from '../../shared/PaneState.tsx';
import { VisuallyHidden } from '../../shared/VisuallyHidden.tsx';
import { folderLabelKey, folderTree, specialUseOf } from './folders.ts';

const useStyles = makeStyles({
  root: { overflowY: 'auto', height: '100%', padding: `${tokens.spacingVerticalS} 0` },
  account: { marginBottom: tokens.spacingVerticalL },
  accountName: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  accountText: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  accountDisplay: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  accountEmail: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground2,
  },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    width: '100%',
    minHeight: '32px',
    border: 'none',
    borderLeft: '3px solid transparent',
    background: 'none',
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
    fontSize: tokens.fontSizeBase300,
    textAlign: 'left',
    cursor: 'pointer',
    paddingRight: tokens.spacingHorizontalL,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  current: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    // The foreground made for that background: in the high-contrast theme the selected background is light.
    color: tokens.colorNeutralForeground1Selected,
    borderLeftColor: tokens.colorBrandStroke1,
    fontWeight: tokens.fontWeightSemibold,
  },
  icon: { fontSize: '18px', flexShrink: 0, color: tokens.colorNeutralForeground2 },
  name: { flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  hasUnread: { fontWeight: tokens.fontWeightSemibold },
  count: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
  state: { height: 'auto', minHeight: '80px' },
  dropTarget: {
    backgroundColor: tokens.colorBrandBackground2,
    outline: `2px dashed ${tokens.colorBrandStroke1}`,
    outlineOffset: '-2px',
  },
});

/** Messages dragged from the list (MessageList's MESSAGES_DRAG_TYPE) may be dropped on a folder of their account. */
export interface FolderDrop {
  /** The folder under the pointer during a drag (highlighted), as "accountId\u0000path". */
  target: string | null;
  onOver(key: string | null): void;
  onDrop(accountId: string, path: string): void;
}

const DRAG_TYPE = 'application/x-tcv-messages';

const icons: Record<string, ReactElement> = {
  inbox: <MailInboxRegular />,
  drafts: <DraftsRegular />,
  sent: <SendRegular />,
  trash: <DeleteRegular />,
  junk: <FolderProhibitedRegular />,
  archive: <ArchiveRegular />,
  flagged: <FlagRegular />,
  all: <MailMultipleRegular />,
};

export interface FolderSelection {
  accountId: string;
  folder: string;
}

export interface FolderPaneProps {
  accounts: readonly AccountSummary[];
  folders: ReadonlyMap<string, Loadable<FolderSummary[]>>;
  selected: FolderSelection | null;
  onSelect(selection: FolderSelection): void;
  onRetry(accountId: string): void;
  drop?: FolderDrop;
}

export function FolderPane({ accounts, folders, selected, onSelect, onRetry, drop }: FolderPaneProps) {
  const s = useStyles();
  const { t, err, lang } = useI18n();

  return (
    <div className={s.root}>
      {accounts.map((account) => {
        const state = folders.get(account.id) ?? { status: 'loading' };
        const headingId = `account-${account.id}`;
        return (
          <section key={account.id} className={s.account} aria-labelledby={headingId}>
            <h2 id={headingId} className={s.accountName} title={account.email}>
              <PersonRegular aria-hidden="true" className={s.icon} />
              <span className={s.accountText}>
                <span className={s.accountDisplay}>{account.displayName || account.email}</span>
                {account.displayName ? <span className={s.accountEmail}>{account.email}</span> : null}
              </span>
            </h2>
            {state.status === 'loading' || state.status === 'idle' ? (
              <LoadingState label={t('folders.loading')} />
            ) : state.status === 'error' ? (
              <ErrorState
                message={err(state.error)}
                retryLabel={t('reader.retry')}
                onRetry={() => onRetry(account.id)}
              />
            ) : state.value.length === 0 ? (
              <p className={s.name} style={{ padding: '0 16px', whiteSpace: 'normal' }}>
                {t('folders.empty')}
              </p>
            ) : (
              <ul className={s.list}>
                {folderTree(state.value).map(({ folder, depth, pathLabel }) => {
                  const key = folderLabelKey(folder);
                  const name = key ? t(key) : (pathLabel ?? folder.name);
                  const isCurrent = selected?.accountId === account.id && selected.folder === folder.path;
                  const use = specialUseOf(folder);
                  const dropKey = `${account.id}\u0000${folder.path}`;
                  const canDrop = (types: readonly string[]) => drop !== undefined && types.includes(DRAG_TYPE);
                  return (
                    <li key={folder.path}>
                      <button
                        type="button"
                        onDragOver={(e) => {
                          if (!canDrop(e.dataTransfer.types)) return;
                          e.preventDefault();
                          e.dataTransfer.dropEffect = 'move';
                          if (drop?.target !== dropKey) drop?.onOver(dropKey);
                        }}
                        onDragLeave={() => {
                          if (drop?.target === dropKey) drop.onOver(null);
                        }}
                        onDrop={(e) => {
                          if (!canDrop(e.dataTransfer.types)) return;
                          e.preventDefault();
                          drop?.onDrop(account.id, folder.path);
                        }}
                        title={drop?.target === dropKey ? t('move.drop', { folder: name }) : undefined}
                        className={mergeClasses(
                          s.item,
                          isCurrent && s.current,
                          drop?.target === dropKey && s.dropTarget,
                        )}
                        style={{ paddingLeft: `${16 + depth * 16}px` }}
                        aria-current={isCurrent ? 'true' : undefined}
                        data-folder={folder.path}
                        onClick={() => onSelect({ accountId: account.id, folder: folder.path })}
                      >
                        <span className={s.icon} aria-hidden="true">
                          {(use && icons[use]) || <FolderRegular />}
                        </span>
                        <span className={mergeClasses(s.name, folder.unread > 0 && s.hasUnread)}>{name}</span>
                        {folder.unread > 0 ? (
                          <>
                            <span className={s.count} aria-hidden="true">
                              {formatNumber(folder.unread, lang)}
                            </span>
                            <VisuallyHidden>{t('folders.unread', { count: folder.unread })}</VisuallyHidden>
                          </>
                        ) : null}
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
