// Renderer entry. Vietnamese first (html lang="vi"); Fluent UI v9 for an Outlook-familiar look and accessible widgets.
import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/client.ts';
import { ApiProvider } from './api/context.tsx';
import { App, type Theme } from './app/App.tsx';
import { ComposeProvider } from './features/compose/ComposeProvider.tsx';
import { I18nProvider } from './i18n/I18nProvider.tsx';
import './base.css';

const THEME_KEY = 'tcv.theme';

function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(THEME_KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // No storage: follow the system.
  }
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function Root() {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => {
    document.documentElement.style.colorScheme = theme;
    try {
      localStorage.setItem(THEME_KEY, theme);
    } catch {
      // Not persisted.
    }
  }, [theme]);
  return (
    <FluentProvider theme={theme === 'dark' ? webDarkTheme : webLightTheme} style={{ height: '100%' }}>
      <App theme={theme} onThemeChange={setTheme} />
    </FluentProvider>
  );
}

const client = createApiClient();
const container = document.getElementById('root');
if (!container) throw new Error('#root missing from index.html');
createRoot(container).render(
  <StrictMode>
    <ApiProvider client={client}>
      <I18nProvider>
        <ComposeProvider>
          <Root />
        </ComposeProvider>
      </I18nProvider>
    </ApiProvider>
  </StrictMode>,
);
