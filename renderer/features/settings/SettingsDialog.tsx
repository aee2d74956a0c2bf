// The settings screen: an Outlook-like dialog with the sections on the left and their controls on the right. Every
// control writes the preference at once through settings.set (no separate "Save" except for the typed number), and the
// app follows through usePreferences (docs/settings.md).
import { Tab, TabList, makeStyles, tokens, useId } from '@fluentui/react-components';
import { useState } from 'react';
import type { AccountSummary } from '../../../src/api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/translate.ts';
import { DialogShell } from '../../shared/DialogShell.tsx';
import {
  AccountsSection,
  AppearanceSection,
  LanguageSection,
  NotificationsSection,
  PrefetchSection,
  ReadingSection,
  ShortcutsSection,
} from './sections.tsx';

export const sectionIds = [
  'accounts',
  'reading',
  'notifications',
  'language',
  'appearance',
  'prefetch',
  'shortcuts',
] as const;
export type SectionId = (typeof sectionIds)[number];

const useStyles = makeStyles({
  surface: { width: 'min(880px, 96vw)', maxWidth: 'min(880px, 96vw)' },
  layout: { display: 'grid', gridTemplateColumns: '200px 1fr', gap: tokens.spacingHorizontalXL, minHeight: '420px' },
  panel: { minWidth: 0, maxHeight: '60vh', overflowY: 'auto', paddingRight: tokens.spacingHorizontalS },
});

export function SettingsDialog({
  open,
  onOpenChange,
  accounts,
  onAccountRemoved,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  accounts: readonly AccountSummary[];
  onAccountRemoved(account: AccountSummary): void;
}) {
  const { t } = useI18n();
  const s = useStyles();
  const panelId = useId('settings-panel');
  const [section, setSection] = useState<SectionId>('accounts');
  const tabId = (id: SectionId) => `${panelId}-tab-${id}`;

  return (
    <DialogShell
      open={open}
      title={t('settings.title')}
      onClose={() => onOpenChange(false)}
      dismissLabel={t('settings.close')}
      surfaceClassName={s.surface}
      contentClassName={s.layout}
    >
      <TabList
        vertical
        selectedValue={section}
        onTabSelect={(_, d) => setSection(d.value as SectionId)}
        aria-label={t('settings.sections')}
      >
        {sectionIds.map((id) => (
          <Tab key={id} value={id} id={tabId(id)} aria-controls={panelId}>
            {t(`settings.section.${id}` as MessageKey)}
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(section)} className={s.panel} tabIndex={0}>
        {section === 'accounts' ? (
          <AccountsSection accounts={accounts} onRemoved={onAccountRemoved} />
        ) : section === 'reading' ? (
          <ReadingSection />
        ) : section === 'notifications' ? (
          <NotificationsSection />
        ) : section === 'language' ? (
          <LanguageSection />
        ) : section === 'appearance' ? (
          <AppearanceSection />
        ) : section === 'prefetch' ? (
          <PrefetchSection />
        ) : (
          <ShortcutsSection />
        )}
      </div>
    </DialogShell>
  );
}
