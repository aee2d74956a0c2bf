// The message body: TipTap (ProseMirror), which leaves IME composition (Unikey/EVKey telex) to the browser, so
// Vietnamese typing works; our only key handler (Ctrl+Enter) ignores composing events. Official font on screen and,
// through wrapOfficialHtml, in the sent HTML. Pasted HTML goes through sanitizePastedHtml first.
import { makeStyles, tokens } from '@fluentui/react-components';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import TextAlign from '@tiptap/extension-text-align';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useRef } from 'react';
import {
  OFFICIAL_FONT_FAMILY,
  OFFICIAL_FONT_SIZE,
  isEmptyEditorHtml,
  editorHtml,
  wrapOfficialHtml,
} from '../../../src/shared/compose-html.ts';
import { EditorToolbar } from './EditorToolbar.tsx';
import { sanitizePastedHtml } from './paste.ts';

// Alignment as an attribute the stylesheet shows, never a style attribute (the app's CSP refuses those wherever HTML
// is parsed in its document); wrapOfficialHtml turns it into text-align for the sent HTML (src/shared/compose-html.ts).
const Align = TextAlign.extend({
  addGlobalAttributes() {
    return [
      {
        types: this.options.types,
        attributes: {
          textAlign: {
            default: this.options.defaultAlignment,
            parseHTML: (el: HTMLElement) => {
              const a = el.getAttribute('data-tcv-align');
              return a && this.options.alignments.includes(a) ? a : this.options.defaultAlignment;
            },
            renderHTML: (attrs: Record<string, unknown>) => {
              const a = attrs.textAlign;
              return typeof a === 'string' && this.options.alignments.includes(a) && a !== 'left'
                ? { 'data-tcv-align': a }
                : {};
            },
          },
        },
      },
    ];
  },
});

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    flex: 1,
    minHeight: '240px',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    ':focus-within': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}` },
  },
  content: {
    flex: 1,
    overflowY: 'auto',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    '& .ProseMirror': {
      minHeight: '200px',
      outline: 'none',
      fontFamily: OFFICIAL_FONT_FAMILY,
      fontSize: OFFICIAL_FONT_SIZE,
      color: tokens.colorNeutralForeground1,
      lineHeight: 1.4,
      whiteSpace: 'pre-wrap',
      wordWrap: 'break-word',
      fontVariantLigatures: 'none',
    },
    '& .ProseMirror-hideselection *::selection': { background: 'transparent' },
    '& .ProseMirror-gapcursor': { display: 'none', pointerEvents: 'none', position: 'absolute' },
    '& .ProseMirror-focused .ProseMirror-gapcursor': { display: 'block' },
    '& .ProseMirror li > p': { margin: 0 },
    '& .ProseMirror p': { margin: '0 0 0.4em 0' },
    '& .ProseMirror table': { borderCollapse: 'collapse', margin: '0.4em 0' },
    '& .ProseMirror td, & .ProseMirror th': {
      border: `1px solid ${tokens.colorNeutralForeground1}`,
      padding: '4px 6px',
      minWidth: '3em',
      verticalAlign: 'top',
    },
    '& .ProseMirror .selectedCell': { backgroundColor: tokens.colorBrandBackground2 },
    '& .ProseMirror a': { color: tokens.colorBrandForegroundLink },
    '& .ProseMirror [data-tcv-align="center"]': { textAlign: 'center' },
    '& .ProseMirror [data-tcv-align="right"]': { textAlign: 'right' },
    '& .ProseMirror [data-tcv-align="justify"]': { textAlign: 'justify' },
    '& .ProseMirror blockquote': {
      margin: '0 0 0 0.5em',
      paddingLeft: '0.8em',
      borderLeft: `3px solid ${tokens.colorNeutralStroke1}`,
      color: tokens.colorNeutralForeground2,
    },
  },
});

export interface MessageEditorProps {
  /** The body to start with (a draft's HTML, possibly wrapped in the official font). */
  initialHtml: string;
  /** Called with the HTML to send (wrapped), or '' when nothing is written. */
  onChange(html: string): void;
  onSend(): void;
  /** Files pasted into the body (a screenshot, files copied in Explorer): attached, not inlined. */
  onPasteFiles?(files: File[]): void;
  label: string;
  /** Lets the pane insert text (the signature) or focus the editor. */
  editorRef?: { current: Editor | null };
}

export function MessageEditor({ initialHtml, onChange, onSend, onPasteFiles, label, editorRef }: MessageEditorProps) {
  const s = useStyles();
  const onChangeRef = useRef(onChange);
  const onSendRef = useRef(onSend);
  const onPasteFilesRef = useRef(onPasteFiles);
  useEffect(() => {
    onChangeRef.current = onChange;
    onSendRef.current = onSend;
    onPasteFilesRef.current = onPasteFiles;
  });
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [1, 2, 3] },
        link: { openOnClick: false, autolink: true, protocols: ['mailto'], defaultProtocol: 'https' },
        codeBlock: false,
        code: false,
      }),
      // Borders and collapse come from the stylesheet here and from inline styles in the sent HTML.
      Table.configure({ resizable: false, HTMLAttributes: { border: '1', cellpadding: '4' } }),
      TableRow,
      TableHeader,
      TableCell,
      Align.configure({ types: ['heading', 'paragraph'] }),
    ],
    content: editorHtml(initialHtml),
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        'data-testid': 'compose-body',
        spellcheck: 'true',
        lang: 'vi',
      },
      transformPastedHTML: sanitizePastedHtml,
      handlePaste: (_view, event) => {
        const files = [...(event.clipboardData?.files ?? [])];
        if (files.length === 0 || !onPasteFilesRef.current) return false;
        event.preventDefault();
        onPasteFilesRef.current(files);
        return true;
      },
      handleKeyDown: (_view, event) => {
        // Ctrl+Enter sends (Outlook). StarterKit would insert a line break for it; never during IME composition.
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.isComposing) {
          event.preventDefault();
          onSendRef.current();
          return true;
        }
        return false;
      },
    },
    onUpdate: ({ editor: e }) => {
      const html = e.getHTML();
      onChangeRef.current(isEmptyEditorHtml(html) ? '' : wrapOfficialHtml(html));
    },
    immediatelyRender: true,
    // TipTap would add a <style> element, which the app's CSP (no inline style elements) refuses: the few rules it
    // carries are in useStyles above.
    injectCSS: false,
  });
  useEffect(() => {
    if (editorRef) editorRef.current = editor;
  }, [editor, editorRef]);
  return (
    <div className={s.root}>
      <EditorToolbar editor={editor} />
      <EditorContent editor={editor} className={s.content} />
    </div>
  );
}
