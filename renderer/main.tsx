// Renderer entry. Vietnamese first (html lang="vi"); Fluent UI v9 for an Outlook-familiar look and accessible widgets.
// The language and the theme come from the user's preferences (features/settings, docs/settings.md).
import { FluentProvider, teamsHighContrastTheme, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { StrictMode, useEffect, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/client.ts';
import { ApiProvider } from './api/context.tsx';
import { App } from './app/App.tsx';
import { CommandsProvider } from './app/commands.tsx';
import { appliedTheme, colorScheme, type AppliedTheme } from './app/theme.ts';
import { ComposeProvider } from './features/compose/ComposeProvider.tsx';
import { FolderActionsProvider } from './features/folders/FolderActions.tsx';
import { I18nProvider } from './i18n/I18nProvider.tsx';
import { LockedSettingsProvider } from './features/settings/locked.tsx';
import { PreferencesProvider, usePreferences } from './features/settings/PreferencesProvider.tsx';
import { MessageWindow } from './features/reader/MessageWindow.tsx';
import { MESSAGE_ROUTE, parseMessageRoute } from '../src/shared/message-route.ts';
import './base.css';

const fluentThemes = { light: webLightTheme, dark: webDarkTheme, highContrast: teamsHighContrastTheme } as const;

const darkQuery = () => window.matchMedia?.('(prefers-color-scheme: dark)');
function subscribeSystemDark(onChange: () => void) {
  const q = darkQuery();
  q?.addEventListener('change', onChange);
  return () => q?.removeEventListener('change', onChange);
}
const systemDark = () => darkQuery()?.matches ?? false;

// A message window (docs/ui.md "A message in its own window") is this same page at the message route.
const messageRoute = location.hash.startsWith(MESSAGE_ROUTE) ? { request: parseMessageRoute(location.hash) } : null;

function Root() {
  const { prefs, update } = usePreferences();
  const dark = useSyncExternalStore(subscribeSystemDark, systemDark);
  const theme: AppliedTheme = appliedTheme(prefs.theme, dark);
  useEffect(() => {
    document.documentElement.style.colorScheme = colorScheme(theme);
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <I18nProvider lang={prefs.language} onLangChange={(language) => void update({ language })}>
      <FluentProvider theme={fluentThemes[theme]} style={{ height: '100%' }}>
        <LockedSettingsProvider>
          <CommandsProvider>
            {messageRoute ? (
              <MessageWindow request={messageRoute.request} />
            ) : (
              <FolderActionsProvider>
                <App theme={theme} onThemeChange={(t) => void update({ theme: t })} />
              </FolderActionsProvider>
            )}
          </CommandsProvider>
        </LockedSettingsProvider>
      </FluentProvider>
    </I18nProvider>
  );
}

const client = createApiClient();
const container = document.getElementById('root');
if (!container) throw new Error('#root missing from index.html');
createRoot(container).render(
  <StrictMode>
    <ApiProvider client={client}>
      <PreferencesProvider>
        <ComposeProvider>
          <Root />
        </ComposeProvider>
      </PreferencesProvider>
    </ApiProvider>
  </StrictMode>,
);
