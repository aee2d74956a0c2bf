// "Thư nháp" in the main toolbar: the local drafts (drafts.list, newest first), each reopened in compose. A message
// being written is saved within a second, so after a crash, a closed window or a reload it is here.
import { Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, ToolbarButton } from '@fluentui/react-components';
import { DocumentEditRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useState } from 'react';
import type { DraftSummary } from '../../../src/api/types.ts';
import { useApi, useApiEvent } from '../../api/context.tsx';
import { formatListDate } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCompose } from './ComposeProvider.tsx';

const SHOWN = 20;

export function DraftsMenu({ disabled }: { disabled?: boolean }) {
  const api = useApi();
  const compose = useCompose();
  const { t } = useI18n();
  const [drafts, setDrafts] = useState<DraftSummary[]>([]);
  const load = useCallback(async () => {
    const r = await api.call('drafts.list', {});
    if (r.ok) setDrafts(r.value);
  }, [api]);
  useEffect(() => {
    void load();
  }, [load, compose.current]);
  // A send taken back (undo) returns its draft.
  useApiEvent('outbox.changed', () => void load());

  return (
    <Menu onOpenChange={(_, d) => d.open && void load()}>
      <MenuTrigger disableButtonEnhancement>
        <ToolbarButton icon={<DocumentEditRegular />} disabled={disabled} data-testid="drafts-menu">
          {t('compose.drafts', { count: drafts.length })}
        </ToolbarButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList aria-label={t('compose.drafts.label')}>
          {drafts.length === 0 ? (
            <MenuItem disabled>{t('compose.drafts.none')}</MenuItem>
          ) : (
            drafts.slice(0, SHOWN).map((d) => (
              <MenuItem key={d.id} onClick={() => compose.open({ draftId: d.id })}>
                {t('compose.drafts.item', {
                  subject: d.subject || t('compose.drafts.noSubject'),
                  time: formatListDate(d.updatedAt),
                })}
              </MenuItem>
            ))
          )}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
