// PDF preview inside the app (issue 4: "PDF preview inside the app with pdf.js"). A PDF from a mail is hostile input
// too, so pdf.js runs with the least it needs: its parser in a Web Worker from the app's own origin (the app's CSP
// allows workers from 'self' only), the page drawn on a canvas (no text, annotation or form layer, so no links or
// scripts in the PDF can do anything), no WebAssembly (the CSP has no 'wasm-unsafe-eval'), no XFA, no fetches of its
// own (no CMap, standard-font or wasm URLs: non-embedded fonts fall back to system fonts). pdf.js 4+ has no eval
// path at all (CVE-2024-4367 was its font compiler's). The library is loaded only when a PDF is first previewed.
import { Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { ChevronLeftRegular, ChevronRightRegular } from '@fluentui/react-icons';
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', alignItems: 'center', gap: tokens.spacingVerticalS },
  nav: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  page: {
    maxWidth: '100%',
    maxHeight: '62vh',
    overflow: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: '#ffffff',
  },
  canvas: { display: 'block' },
});

/** Pages are drawn at this width in CSS pixels (a readable A4 in a dialog), sharper on high-DPI screens. */
const PAGE_WIDTH = 760;

async function openPdf(bytes: Uint8Array<ArrayBuffer>): Promise<PDFDocumentLoadingTask> {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  return pdfjs.getDocument({
    data: bytes,
    useWasm: false,
    useWorkerFetch: false,
    enableXfa: false,
    stopAtErrors: false,
    // A page image larger than this (in pixels) is not drawn: a PDF bomb should not take the app down.
    maxImageSize: 64 * 1024 * 1024,
  });
}

export interface PdfViewProps {
  bytes: Uint8Array<ArrayBuffer>;
  name: string;
  onError(message: string): void;
}

export function PdfView({ bytes, name, onError }: PdfViewProps) {
  const { t } = useI18n();
  const s = useStyles();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [page, setPage] = useState(1);
  const [drawing, setDrawing] = useState(true);
  const errorRef = useRef(onError);
  useEffect(() => {
    errorRef.current = onError;
  });

  useEffect(() => {
    let current = true;
    let loading: PDFDocumentLoadingTask | null = null;
    // pdf.js transfers the buffer to its worker: give it a copy, the caller may still need the bytes.
    void openPdf(bytes.slice())
      .then((task) => {
        loading = task;
        if (!current) return void task.destroy();
        return task.promise.then((d) => current && setDoc(d));
      })
      .catch((err: unknown) => current && errorRef.current(String((err as Error)?.message ?? err)));
    return () => {
      current = false;
      // Ends the worker and frees the document.
      void loading?.destroy();
    };
  }, [bytes]);

  useEffect(() => {
    if (!doc || !canvas.current) return;
    let cancelled = false;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    setDrawing(true);
    void (async () => {
      try {
        const p = await doc.getPage(page);
        if (cancelled || !canvas.current) return;
        const base = p.getViewport({ scale: 1 });
        const ratio = window.devicePixelRatio || 1;
        const viewport = p.getViewport({ scale: (PAGE_WIDTH / base.width) * ratio });
        const c = canvas.current;
        c.width = Math.floor(viewport.width);
        c.height = Math.floor(viewport.height);
        c.style.width = `${Math.floor(viewport.width / ratio)}px`;
        c.style.height = `${Math.floor(viewport.height / ratio)}px`;
        task = p.render({ canvas: c, viewport });
        await task.promise;
        if (!cancelled) setDrawing(false);
      } catch (err) {
        if (!cancelled && (err as Error)?.name !== 'RenderingCancelledException') {
          errorRef.current(String((err as Error)?.message ?? err));
        }
      }
    })();
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, page]);

  const pages = doc?.numPages ?? 0;
  return (
    <div className={s.root} data-testid="pdf-view" data-page={page} data-pages={pages} data-drawn={!drawing}>
      {pages > 1 ? (
        <div className={s.nav}>
          <Button
            size="small"
            icon={<ChevronLeftRegular />}
            disabled={page <= 1}
            onClick={() => setPage((n) => Math.max(1, n - 1))}
            aria-label={t('reader.pdf.previous')}
          />
          <span aria-live="polite">{t('reader.pdf.page', { page, pages })}</span>
          <Button
            size="small"
            icon={<ChevronRightRegular />}
            disabled={page >= pages}
            onClick={() => setPage((n) => Math.min(pages, n + 1))}
            aria-label={t('reader.pdf.next')}
          />
        </div>
      ) : null}
      {doc === null || drawing ? <Spinner size="small" label={t('reader.preview.loading')} /> : null}
      {/* Scrollable, so reachable by keyboard (arrow keys scroll a tall page). */}
      <div className={s.page} tabIndex={0} role="region" aria-label={name}>
        <canvas ref={canvas} className={s.canvas} role="img" aria-label={t('reader.pdf.pageOf', { name, page })} />
      </div>
    </div>
  );
}
