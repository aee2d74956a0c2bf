// "Xuất thư mục…" (Article 9.2: the user keeps their own backup): format, then a destination chosen in the app's own
// folder dialog (files.chooseFolder gives a grant token and the folder's name; the renderer never sees a path).
// The export itself runs in the status bar (useFolderExport), so the dialog closes and work goes on.
import { Button, Field, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';
import { FolderOpenRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import type { FileGrant } from '../../../src/api/types-desktop.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { DialogShell } from '../../shared/DialogShell.tsx';

const useStyles = makeStyles({
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  destination: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  chosen: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  none: { color: tokens.colorNeutralForeground2 },
});

export type ExportFormat = 'mbox' | 'eml';

export function ExportDialog({
  folderLabel,
  blocked,
  onStart,
  onClose,
}: {
  folderLabel: string;
  /** Another export is running: one at a time. */
  blocked: boolean;
  onStart(format: ExportFormat, destination: FileGrant): void;
  onClose(): void;
}) {
  const api = useApi();
  const s = useStyles();
  const { t, err } = useI18n();
  const [format, setFormat] = useState<ExportFormat>('mbox');
  const [destination, setDestination] = useState<FileGrant | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);

  const choose = async () => {
    const r = await api.call('files.chooseFolder', { purpose: 'folderExport' });
    if (!r.ok) setError(r.error);
    else if (r.value.grant) {
      setDestination(r.value.grant);
      setError(null);
    }
  };

  const start = () => {
    if (blocked) setError(t('export.running'));
    else if (!destination) setError(t('export.chooseFirst'));
    else onStart(format, destination);
  };

  return (
    <DialogShell
      title={t('export.title', { folder: folderLabel })}
      onClose={onClose}
      contentClassName={s.fields}
      error={error === null ? null : typeof error === 'string' ? error : err(error)}
      actions={[{ label: t('export.start'), primary: true, onClick: start }, { label: t('folders.cancel') }]}
    >
      <p className={s.intro}>{t('export.intro')}</p>
      <Field label={t('export.format')}>
        <RadioGroup value={format} onChange={(_, d) => setFormat(d.value === 'eml' ? 'eml' : 'mbox')}>
          <Radio value="mbox" label={t('export.format.mbox')} />
          <Radio value="eml" label={t('export.format.eml')} />
        </RadioGroup>
      </Field>
      <Field label={t('export.destination')}>
        <div className={s.destination}>
          <Button icon={<FolderOpenRegular />} onClick={() => void choose()}>
            {t('export.choose')}
          </Button>
          <span className={destination ? s.chosen : s.none} data-testid="export-destination">
            {destination ? destination.name : t('export.destination.none')}
          </span>
        </div>
      </Field>
    </DialogShell>
  );
}
