// Import for IT (issue 5 "import and validation report for IT"): the user picks a file in the window, its bytes go to
// the engine (directory.importData; no path crosses), which validates first (dry run). The report lists every finding
// with its line, in Vietnamese. Nothing changes until the user confirms; a file with errors is imported only if the
// user chooses "only the entries without errors".
import {
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DocumentArrowUpRegular } from '@fluentui/react-icons';
import { useRef, useState, type ChangeEvent } from 'react';
import type { DirectoryImportResult, ValidationReport } from '../../../src/api/types-directory.ts';
import type { ApiError } from '../../../src/api/errors.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { DialogShell } from '../../shared/DialogShell.tsx';

/** Findings shown at once; the rest are counted (a broken export can have thousands). */
const SHOWN_ISSUES = 500;

const useStyles = makeStyles({
  surface: { maxWidth: '960px', width: '90vw' },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  picker: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  hidden: { position: 'absolute', width: '1px', height: '1px', opacity: 0, overflow: 'hidden' },
  report: {
    maxHeight: '45vh',
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  line: { width: '72px' },
  severity: { width: '96px' },
  id: { width: '160px', overflowWrap: 'anywhere' },
  error: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

type Step =
  | { kind: 'choose' }
  | { kind: 'checking'; name: string }
  | { kind: 'checked'; name: string; data: string; report: ValidationReport }
  | { kind: 'importing'; name: string; report: ValidationReport }
  | { kind: 'done'; name: string; result: DirectoryImportResult }
  | { kind: 'failed'; name: string | null; error: ApiError | null };

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export function ImportDialog({ open, onClose, onImported }: { open: boolean; onClose(): void; onImported(): void }) {
  const api = useApi();
  const { t, err } = useI18n();
  const s = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [step, setStep] = useState<Step>({ kind: 'choose' });

  const close = () => {
    setStep({ kind: 'choose' });
    onClose();
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setStep({ kind: 'checking', name: file.name });
    let data: string;
    try {
      data = await readBase64(file);
    } catch {
      setStep({ kind: 'failed', name: file.name, error: null });
      return;
    }
    const r = await api.call('directory.importData', { name: file.name, dataBase64: data, dryRun: true });
    if (!r.ok) setStep({ kind: 'failed', name: file.name, error: r.error });
    else setStep({ kind: 'checked', name: file.name, data, report: r.value.report });
  };

  const confirm = async (acceptErrors: boolean) => {
    if (step.kind !== 'checked') return;
    const { name, data, report } = step;
    setStep({ kind: 'importing', name, report });
    const r = await api.call('directory.importData', { name, dataBase64: data, acceptErrors });
    if (!r.ok) setStep({ kind: 'failed', name, error: r.error });
    else {
      setStep({ kind: 'done', name, result: r.value });
      if (r.value.imported) onImported();
    }
  };

  const report = step.kind === 'checked' || step.kind === 'importing' ? step.report : null;
  const name = step.kind === 'choose' ? null : step.name;

  return (
    <DialogShell
      open={open}
      title={t('directory.import.title')}
      onClose={close}
      surfaceClassName={s.surface}
      contentClassName={s.body}
      busy={step.kind === 'checking' || step.kind === 'importing'}
      error={step.kind === 'failed' ? (step.error ? err(step.error) : t('directory.import.readFailed')) : null}
      actions={[
        step.kind === 'checked' && step.report.ok
          ? { label: t('directory.import.confirm'), primary: true, onClick: () => void confirm(false) }
          : null,
        step.kind === 'checked' && !step.report.ok
          ? { label: t('directory.import.acceptErrors'), onClick: () => void confirm(true) }
          : null,
        step.kind === 'done'
          ? { label: t('directory.import.close'), primary: true }
          : { label: t('directory.import.cancel') },
      ]}
    >
      <p>{t('directory.import.intro')}</p>
      <div className={s.picker}>
        <input
          ref={input}
          type="file"
          accept=".csv,.tsv,.xlsx,.vcf,.vcard,.json,text/csv,application/json,text/vcard"
          className={s.hidden}
          tabIndex={-1}
          aria-hidden="true"
          data-testid="directory-import-file"
          onChange={(e) => void onFile(e)}
        />
        <Button
          icon={<DocumentArrowUpRegular />}
          onClick={() => input.current?.click()}
          disabled={step.kind === 'checking' || step.kind === 'importing'}
        >
          {t('directory.import.choose')}
        </Button>
        {name ? <span>{t('directory.import.file', { name })}</span> : null}
      </div>
      {step.kind === 'checking' || step.kind === 'importing' ? (
        <Spinner size="small" label={t('directory.import.checking')} labelPosition="after" />
      ) : null}
      {step.kind === 'done' ? (
        <MessageBar intent="success" role="status" data-testid="directory-import-done">
          <MessageBarBody>
            {t('directory.import.done', {
              entries: step.result.info.entries,
              groups: step.result.info.groups,
            })}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {report ? <ReportView report={report} /> : null}
    </DialogShell>
  );
}

function ReportView({ report }: { report: ValidationReport }) {
  const { t } = useI18n();
  const s = useStyles();
  const shown = report.issues.slice(0, SHOWN_ISSUES);
  return (
    <>
      <MessageBar intent={report.ok ? 'success' : 'error'} data-testid="directory-import-summary">
        <MessageBarBody>
          {t('directory.import.summary', {
            entries: report.entries,
            groups: report.groups,
            errors: report.errors,
            warnings: report.warnings,
          })}{' '}
          {report.ok ? t('directory.import.ok') : t('directory.import.hasErrors')}
        </MessageBarBody>
      </MessageBar>
      {shown.length > 0 ? (
        <section aria-label={t('directory.import.report')}>
          <div className={s.report} tabIndex={0} role="region" aria-label={t('directory.import.report')}>
            <Table size="small" data-testid="directory-import-report">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell className={s.line}>{t('directory.import.col.line')}</TableHeaderCell>
                  <TableHeaderCell className={s.severity}>{t('directory.import.col.severity')}</TableHeaderCell>
                  <TableHeaderCell className={s.id}>{t('directory.import.col.id')}</TableHeaderCell>
                  <TableHeaderCell>{t('directory.import.col.message')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {shown.map((i, k) => (
                  <TableRow key={k} data-line={i.line ?? ''} data-code={i.code} data-severity={i.severity}>
                    <TableCell>{i.line ?? '—'}</TableCell>
                    <TableCell className={i.severity === 'error' ? s.error : s.warning}>
                      {i.severity === 'error' ? t('directory.import.error') : t('directory.import.warning')}
                    </TableCell>
                    <TableCell>{i.id ?? ''}</TableCell>
                    <TableCell lang="vi">{i.message}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          {report.issues.length > shown.length ? (
            <p>{t('directory.import.more', { count: report.issues.length - shown.length })}</p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
