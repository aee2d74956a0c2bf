// Reply, reply all and forward for the message in the reading pane: buttons in the reader's toolbar and the Outlook
// shortcuts (Ctrl+R, Ctrl+Shift+R, Ctrl+F) through the one command registry. Recipients, subject prefix, quoting and
// threading headers come from the engine (compose.prepare), not from here.
import { Button, Tooltip } from '@fluentui/react-components';
import { ArrowForwardRegular, ArrowReplyAllRegular, ArrowReplyRegular } from '@fluentui/react-icons';
import { useCommand } from '../../app/commands.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCompose, type ComposeInitial, type ComposeSource } from '../compose/index.ts';

const ACTIONS = [
  { command: 'mail.reply', label: 'reader.reply', icon: ArrowReplyRegular, testId: 'reader-reply' },
  { command: 'mail.replyAll', label: 'reader.replyAll', icon: ArrowReplyAllRegular, testId: 'reader-reply-all' },
  { command: 'mail.forward', label: 'reader.forward', icon: ArrowForwardRegular, testId: 'reader-forward' },
] as const;

function request(command: (typeof ACTIONS)[number]['command'], source: ComposeSource): ComposeInitial {
  if (command === 'mail.forward') return { forward: source };
  return { replyTo: { ...source, all: command === 'mail.replyAll' } };
}

export function ReplyActions(source: ComposeSource) {
  const { t } = useI18n();
  const compose = useCompose();
  const open = (command: (typeof ACTIONS)[number]['command']) => compose.open(request(command, source));
  useCommand('mail.reply', () => open('mail.reply'));
  useCommand('mail.replyAll', () => open('mail.replyAll'));
  useCommand('mail.forward', () => open('mail.forward'));
  return (
    <>
      {ACTIONS.map(({ command, label, icon: Icon, testId }) => (
        <Tooltip key={command} content={t(`${label}.hint`)} relationship="description">
          <Button size="small" appearance="subtle" icon={<Icon />} onClick={() => open(command)} data-testid={testId}>
            {t(label)}
          </Button>
        </Tooltip>
      ))}
    </>
  );
}
