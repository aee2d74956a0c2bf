// Where the reading pane sits (the readingPane preference): right of the list (Outlook's default), below it, or off
// (the list takes the whole width; compose still opens beside it).
import { makeStyles, tokens } from '@fluentui/react-components';
import type { Preferences } from '../../src/api/types-settings.ts';

export const usePaneLayoutStyles = makeStyles({
  right: { display: 'grid', gridTemplateColumns: 'minmax(320px, 400px) 1fr', minHeight: 0, minWidth: 0 },
  bottom: { display: 'grid', gridTemplateRows: 'minmax(180px, 40%) 1fr', minHeight: 0, minWidth: 0 },
  off: { display: 'grid', gridTemplateColumns: '1fr', minHeight: 0, minWidth: 0 },
  offComposing: { display: 'grid', gridTemplateColumns: 'minmax(320px, 400px) 1fr', minHeight: 0, minWidth: 0 },
  listRight: { minHeight: 0, borderRight: `1px solid ${tokens.colorNeutralStroke2}` },
  listBottom: { minHeight: 0, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
});

export function usePaneLayout(pane: Preferences['readingPane'], composing: boolean) {
  const s = usePaneLayoutStyles();
  const main = pane === 'right' ? s.right : pane === 'bottom' ? s.bottom : composing ? s.offComposing : s.off;
  return {
    main,
    list: pane === 'bottom' ? s.listBottom : s.listRight,
    /** False: the reading pane is off and nothing is being composed. */
    showSide: pane !== 'off' || composing,
  };
}
