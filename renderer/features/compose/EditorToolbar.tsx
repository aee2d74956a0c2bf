// The editor's formatting toolbar: a Fluent Toolbar (one Tab stop, arrows between buttons), toggle buttons with
// aria-pressed for the marks and lists, keyboard shortcuts as in Word/Outlook (Ctrl+B, Ctrl+I, Ctrl+U, TipTap's).
import {
  Button,
  Field,
  Input,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  Toolbar,
  ToolbarButton,
  ToolbarDivider,
  ToolbarToggleButton,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  LinkRegular,
  TableAddRegular,
  TableDeleteRowRegular,
  TableInsertColumnRegular,
  TableInsertRowRegular,
  TextAlignCenterRegular,
  TextAlignJustifyRegular,
  TextAlignLeftRegular,
  TextAlignRightRegular,
  TextBoldRegular,
  TextBulletListLtrRegular,
  TextItalicRegular,
  TextNumberListLtrRegular,
  TextUnderlineRegular,
} from '@fluentui/react-icons';
import { useEditorState, type Editor } from '@tiptap/react';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';

const useStyles = makeStyles({
  bar: { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, flexWrap: 'wrap' },
  linkForm: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: '280px' },
  linkActions: { display: 'flex', gap: tokens.spacingHorizontalS, justifyContent: 'flex-end' },
});

const ALIGNS = ['left', 'center', 'right', 'justify'] as const;

export function EditorToolbar({ editor }: { editor: Editor | null }) {
  const { t } = useI18n();
  const s = useStyles();
  const [linkOpen, setLinkOpen] = useState(false);
  const [href, setHref] = useState('');
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      underline: e?.isActive('underline') ?? false,
      bulletList: e?.isActive('bulletList') ?? false,
      orderedList: e?.isActive('orderedList') ?? false,
      link: e?.isActive('link') ?? false,
      table: e?.isActive('table') ?? false,
      align: ALIGNS.find((a) => e?.isActive({ textAlign: a })) ?? 'left',
    }),
  });
  if (!editor || !state) return null;
  const chain = () => editor.chain().focus();
  const checked = {
    format: (['bold', 'italic', 'underline', 'bulletList', 'orderedList'] as const).filter((k) => state[k]),
    align: [state.align],
  };

  const applyLink = (e: FormEvent) => {
    e.preventDefault();
    const url = href.trim();
    if (!url) chain().extendMarkRange('link').unsetLink().run();
    else {
      const withScheme = /^(https?:|mailto:)/i.test(url) ? url : url.includes('@') ? `mailto:${url}` : `https://${url}`;
      chain().extendMarkRange('link').setLink({ href: withScheme }).run();
    }
    setLinkOpen(false);
  };

  return (
    <Toolbar
      className={s.bar}
      size="small"
      aria-label={t('compose.toolbar')}
      checkedValues={checked}
      data-testid="compose-toolbar"
    >
      <ToolbarToggleButton
        name="format"
        value="bold"
        icon={<TextBoldRegular />}
        aria-label={t('compose.fmt.bold')}
        title={t('compose.fmt.bold')}
        onClick={() => chain().toggleBold().run()}
      />
      <ToolbarToggleButton
        name="format"
        value="italic"
        icon={<TextItalicRegular />}
        aria-label={t('compose.fmt.italic')}
        title={t('compose.fmt.italic')}
        onClick={() => chain().toggleItalic().run()}
      />
      <ToolbarToggleButton
        name="format"
        value="underline"
        icon={<TextUnderlineRegular />}
        aria-label={t('compose.fmt.underline')}
        title={t('compose.fmt.underline')}
        onClick={() => chain().toggleUnderline().run()}
      />
      <ToolbarDivider />
      <ToolbarToggleButton
        name="format"
        value="bulletList"
        icon={<TextBulletListLtrRegular />}
        aria-label={t('compose.fmt.bulletList')}
        title={t('compose.fmt.bulletList')}
        onClick={() => chain().toggleBulletList().run()}
      />
      <ToolbarToggleButton
        name="format"
        value="orderedList"
        icon={<TextNumberListLtrRegular />}
        aria-label={t('compose.fmt.orderedList')}
        title={t('compose.fmt.orderedList')}
        onClick={() => chain().toggleOrderedList().run()}
      />
      <ToolbarDivider />
      {ALIGNS.map((a) => (
        <ToolbarToggleButton
          key={a}
          name="align"
          value={a}
          icon={
            a === 'left' ? (
              <TextAlignLeftRegular />
            ) : a === 'center' ? (
              <TextAlignCenterRegular />
            ) : a === 'right' ? (
              <TextAlignRightRegular />
            ) : (
              <TextAlignJustifyRegular />
            )
          }
          aria-label={t(`compose.fmt.align.${a}`)}
          title={t(`compose.fmt.align.${a}`)}
          onClick={() => chain().setTextAlign(a).run()}
        />
      ))}
      <ToolbarDivider />
      <Popover
        open={linkOpen}
        onOpenChange={(_, d) => {
          setLinkOpen(d.open);
          if (d.open) setHref((editor.getAttributes('link').href as string | undefined) ?? '');
        }}
        trapFocus
      >
        <PopoverTrigger disableButtonEnhancement>
          <ToolbarButton
            icon={<LinkRegular />}
            aria-label={t('compose.fmt.link')}
            title={t('compose.fmt.link')}
            aria-pressed={state.link}
          />
        </PopoverTrigger>
        <PopoverSurface aria-label={t('compose.fmt.link')}>
          <form className={s.linkForm} onSubmit={applyLink}>
            <Field label={t('compose.fmt.link.url')} hint={t('compose.fmt.link.hint')}>
              <Input value={href} onChange={(_, d) => setHref(d.value)} autoFocus />
            </Field>
            <div className={s.linkActions}>
              <Button type="submit" appearance="primary">
                {t('compose.fmt.link.apply')}
              </Button>
            </div>
          </form>
        </PopoverSurface>
      </Popover>
      <ToolbarButton
        icon={<TableAddRegular />}
        aria-label={t('compose.fmt.table')}
        title={t('compose.fmt.table')}
        onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
      />
      {state.table ? (
        <>
          <ToolbarButton
            icon={<TableInsertRowRegular />}
            aria-label={t('compose.fmt.table.addRow')}
            title={t('compose.fmt.table.addRow')}
            onClick={() => chain().addRowAfter().run()}
          />
          <ToolbarButton
            icon={<TableInsertColumnRegular />}
            aria-label={t('compose.fmt.table.addColumn')}
            title={t('compose.fmt.table.addColumn')}
            onClick={() => chain().addColumnAfter().run()}
          />
          <ToolbarButton
            icon={<TableDeleteRowRegular />}
            aria-label={t('compose.fmt.table.deleteRow')}
            title={t('compose.fmt.table.deleteRow')}
            onClick={() => chain().deleteRow().run()}
          />
        </>
      ) : null}
    </Toolbar>
  );
}
