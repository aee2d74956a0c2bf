// Opens a message in its own window through the host (app.openMessageWindow: Electron's BrowserWindow, the harness's
// second page); a refusal (WINDOW_UNAVAILABLE, …) becomes a toast in the user's language.
import { Toast, ToastTitle, type ToastIntent } from '@fluentui/react-components';
import { useCallback, type ReactNode } from 'react';
import type { OpenMessageRequest } from '../../../src/api/types-desktop.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';

export function useOpenMessageWindow(
  notify: (content: ReactNode, intent: ToastIntent) => void,
): (req: OpenMessageRequest) => void {
  const api = useApi();
  const { err } = useI18n();
  return useCallback(
    (req) => {
      void api.call('app.openMessageWindow', req).then((r) => {
        if (r.ok) return;
        notify(
          <Toast>
            <ToastTitle>{err(r.error)}</ToastTitle>
          </Toast>,
          'error',
        );
      });
    },
    [api, err, notify],
  );
}
