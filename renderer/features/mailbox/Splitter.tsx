// The splitter between the message list and the reading pane: drag it, or focus it and use the arrow keys (5% a
// step; Home/End to the limits). A WAI-ARIA window splitter: role separator with aria-valuenow.
import { makeStyles, tokens } from '@fluentui/react-components';
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { clampShare } from './listPrefs.ts';

const useStyles = makeStyles({
  root: {
    backgroundColor: tokens.colorNeutralStroke2,
    touchAction: 'none',
    outline: 'none',
    ':hover': { backgroundColor: tokens.colorBrandStroke1 },
    ':focus-visible': { backgroundColor: tokens.colorStrokeFocus2 },
  },
  vertical: { width: '4px', cursor: 'col-resize' },
  horizontal: { height: '4px', cursor: 'row-resize' },
});

export function Splitter({
  orientation,
  share,
  onChange,
  onCommit,
}: {
  /** vertical: panes side by side (reading pane right); horizontal: stacked (bottom). */
  orientation: 'vertical' | 'horizontal';
  /** The reading pane's share of the container. */
  share: number;
  /** While dragging: the pane follows. */
  onChange(share: number): void;
  /** The drag ended, or a key moved it: the value to keep (one settings write, not one per pointer move). */
  onCommit(share: number): void;
}) {
  const s = useStyles();
  const { t } = useI18n();
  const dragging = useRef(false);
  const vertical = orientation === 'vertical';

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Arrow toward the reading pane shrinks it.
    const grow: Record<string, number> = vertical
      ? { ArrowLeft: 0.05, ArrowRight: -0.05 }
      : { ArrowUp: 0.05, ArrowDown: -0.05 };
    const step = grow[e.key];
    if (step !== undefined) {
      e.preventDefault();
      onCommit(clampShare(share + step));
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      onCommit(e.key === 'Home' ? 0.8 : 0.2);
    }
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return;
    const box = e.currentTarget.parentElement?.getBoundingClientRect();
    if (!box) return;
    const pos = vertical ? (e.clientX - box.left) / box.width : (e.clientY - box.top) / box.height;
    onChange(clampShare(1 - pos));
  };
  return (
    <div
      role="separator"
      tabIndex={0}
      aria-orientation={orientation}
      aria-label={t('pane.splitter')}
      aria-valuenow={Math.round(share * 100)}
      aria-valuemin={20}
      aria-valuemax={80}
      className={`${s.root} ${vertical ? s.vertical : s.horizontal}`}
      onKeyDown={onKeyDown}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={onPointerMove}
      onPointerUp={(e) => {
        if (dragging.current) onCommit(share);
        dragging.current = false;
        e.currentTarget.releasePointerCapture(e.pointerId);
      }}
      data-testid="reading-splitter"
    />
  );
}
