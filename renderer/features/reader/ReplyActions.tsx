// Reply, reply all and forward for the message in the reading pane: buttons in the reader's toolbar and the Outlook
// shortcuts (Ctrl+R, Ctrl+Shift+R, Ctrl+F) through the one command registry. Recipients, subject prefix, quoting and
// threading headers come from the engine (compose.prepare), not from here.
import { Button, Tooltip } from '@fluentui/react-components';
import { ArrowForwardRegular, ArrowReplyAllRegular, ArrowReplyRegular } from '@fluentui/react-icons';
import { useCommand } from '../../app/commands.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCompose } from '../compose/index.ts';

export function ReplyActions({ accountId, folder, uid }: { accountId: string; folder: string; uid: number }) {
  const { t } = useI18n();
  const compose = useCompose();
  const source = { accountId, folder, uid };
  const reply = () => compose.open({ replyTo: source });
  const replyAll = () => compose.open({ replyTo: { ...source, all: true } });
  const forward = () => compose.open({ forward: source });
  useCommand('mail.reply', reply);
  useCommand('mail.replyAll', replyAll);
  useCommand('mail.forward', forward);
  return (
    <>
      <Tooltip content={t('reader.reply.hint')} relationship="description">
        <Button
          size="small"
          appearance="subtle"
          icon={<ArrowReplyRegular />}
          onClick={reply}
          data-testid="reader-reply"
        >
          {t('reader.reply')}
        </Button>
      </Tooltip>
      <Tooltip content={t('reader.replyAll.hint')} relationship="description">
        <Button
          size="small"
          appearance="subtle"
          icon={<ArrowReplyAllRegular />}
          onClick={replyAll}
          data-testid="reader-reply-all"
        >
          {t('reader.replyAll')}
        </Button>
      </Tooltip>
      <Tooltip content={t('reader.forward.hint')} relationship="description">
        <Button
          size="small"
          appearance="subtle"
          icon={<ArrowForwardRegular />}
          onClick={forward}
          data-testid="reader-forward"
        >
          {t('reader.forward')}
        </Button>
      </Tooltip>
    </>
  );
}
