// Desktop integration, the Electron side (docs/electron.md "Desktop integration"): native file dialogs for the
// engine's grants, new-mail notifications, the tray with its menu, the badge and the Windows overlay. Thin: which
// notice to show, what the tray says and what counts as unread are decided in src/desktop/ (tested in plain Node).
// Like the other main/ modules it receives the electron parts it uses, so tests can run it against fakes.
import { join } from 'node:path';
import type { BrowserWindow, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { Lang } from '../src/api/errors.ts';
import type { OpenMessageRequest } from '../src/api/types-desktop.ts';
import { trayMenu, trayTooltip } from '../src/desktop/badge.ts';
import type { Notice } from '../src/desktop/notify.ts';
import { overlayPng } from '../src/desktop/overlay.ts';
import type { DesktopShell } from '../src/desktop/session.ts';
import type { FileDialogs } from '../src/platform/types.ts';
import type { ElectronApi } from './app.ts';

type OpenPurpose = Parameters<FileDialogs['chooseFiles']>[0]['purpose'];
type SavePurpose = Parameters<FileDialogs['chooseSaveTarget']>[0]['purpose'];
type FolderPurpose = Parameters<FileDialogs['chooseFolder']>[0]['purpose'];

const titles: Record<Lang, Record<OpenPurpose | SavePurpose | `folder:${FolderPurpose}`, string>> = {
  vi: {
    attach: 'Chọn tệp đính kèm',
    directoryImport: 'Chọn tệp danh bạ để nhập',
    certificate: 'Chọn chứng chỉ của máy chủ thư (do bộ phận CNTT cấp)',
    attachment: 'Lưu tệp đính kèm',
    folderExport: 'Sao lưu thư mục thư',
    directoryExport: 'Xuất danh bạ',
    'folder:attachments': 'Chọn thư mục để lưu tất cả tệp đính kèm',
    'folder:folderExport': 'Chọn thư mục để sao lưu thư (.eml)',
  },
  en: {
    attach: 'Choose files to attach',
    directoryImport: 'Choose a directory file to import',
    certificate: "Choose the mail server's certificate (from IT)",
    attachment: 'Save attachment',
    folderExport: 'Back up mail folder',
    directoryExport: 'Export directory',
    'folder:attachments': 'Choose a folder for all attachments',
    'folder:folderExport': 'Choose a folder for the backup (.eml)',
  },
};

/** Options of the native "Open" dialog for a purpose (pure: tested). */
export function openDialogOptions(purpose: OpenPurpose, multiple: boolean, lang: Lang): OpenDialogOptions {
  const filters = {
    attach: null,
    directoryImport: {
      name: lang === 'en' ? 'Directory files' : 'Tệp danh bạ',
      extensions: ['json', 'csv', 'xlsx', 'vcf'],
    },
    certificate: { name: lang === 'en' ? 'Certificates' : 'Chứng chỉ', extensions: ['pem', 'crt', 'cer'] },
  }[purpose];
  return {
    title: titles[lang][purpose],
    properties: purpose === 'attach' && multiple ? ['openFile', 'multiSelections'] : ['openFile'],
    ...(filters ? { filters: [filters] } : {}),
  };
}

/** Options of the native "Save as" dialog: the suggested name in the Downloads folder (pure: tested). */
export function saveDialogOptions(
  purpose: SavePurpose,
  suggestedName: string,
  lang: Lang,
  downloads: string,
): SaveDialogOptions {
  return {
    title: titles[lang][purpose],
    defaultPath: join(downloads, suggestedName),
    properties: ['showOverwriteConfirmation'],
  };
}

/** FileDialogs over Electron's dialog module, modal to our window when there is one. */
export function createElectronDialogs(
  electron: Pick<ElectronApi, 'dialog' | 'app'>,
  getWindow: () => BrowserWindow | null,
  lang: () => Lang,
): FileDialogs {
  const { dialog, app } = electron;
  const parent = () => {
    const w = getWindow();
    return w && !w.isDestroyed() ? w : null;
  };
  return {
    async chooseFiles({ purpose, multiple }) {
      const options = openDialogOptions(purpose, multiple, lang());
      const w = parent();
      const r = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
      return r.canceled ? [] : r.filePaths;
    },
    async chooseSaveTarget({ purpose, suggestedName }) {
      const options = saveDialogOptions(purpose, suggestedName, lang(), app.getPath('downloads'));
      const w = parent();
      const r = w ? await dialog.showSaveDialog(w, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async chooseFolder({ purpose }) {
      const options: OpenDialogOptions = {
        title: titles[lang()][`folder:${purpose}`],
        properties: ['openDirectory', 'createDirectory'],
      };
      const w = parent();
      const r = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}

export interface ElectronShellDeps {
  electron: Pick<ElectronApi, 'app' | 'Menu' | 'Notification' | 'Tray' | 'nativeImage'>;
  getWindow(): BrowserWindow | null;
  iconPath: string;
  lang(): Lang;
  /** A notification was clicked: the window is in front; show the message. */
  openMessage(request: OpenMessageRequest): void;
  /** Tray "Thư mới". */
  compose(): void;
}

/** The DesktopShell of the installed app: Notification, Tray, badge, overlay. */
export function createElectronShell(deps: ElectronShellDeps): DesktopShell & { destroy(): void } {
  const { app, Menu, Notification, Tray, nativeImage } = deps.electron;
  // Electron drops a Notification's handlers when the object is garbage-collected: keep each until it closes.
  const live = new Set<InstanceType<typeof Notification>>();
  let unread = 0;

  const showWindow = (): void => {
    const w = deps.getWindow();
    if (!w || w.isDestroyed()) return;
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
  };

  const icon = nativeImage.createFromPath(deps.iconPath);
  const tray = new Tray(icon.isEmpty() ? icon : icon.resize({ width: 16, height: 16 }));
  const renderTray = (): void => {
    const lang = deps.lang();
    tray.setToolTip(trayTooltip(unread, lang));
    const actions = { open: showWindow, compose: deps.compose, quit: () => app.quit() };
    tray.setContextMenu(
      Menu.buildFromTemplate(trayMenu(lang).map((item) => ({ label: item.label, click: actions[item.id] }))),
    );
  };
  tray.on('click', showWindow);
  renderTray();

  return {
    notify(notice: Notice) {
      if (!Notification.isSupported()) return;
      const n = new Notification({ title: notice.title, body: notice.body, icon, silent: notice.silent });
      live.add(n);
      n.on('click', () => {
        showWindow();
        if (notice.open) deps.openMessage(notice.open);
      });
      n.on('close', () => live.delete(n));
      n.show();
    },
    setUnread(count: number) {
      unread = count;
      // macOS dock and Linux Unity launchers; elsewhere a no-op that returns false.
      app.setBadgeCount(count);
      const w = deps.getWindow();
      if (process.platform === 'win32' && w && !w.isDestroyed()) {
        // The number on a red disc (src/desktop/overlay.ts); the description is what screen readers say.
        const png = overlayPng(count);
        w.setOverlayIcon(png ? nativeImage.createFromBuffer(png) : null, png ? trayTooltip(count, deps.lang()) : '');
      }
      renderTray();
    },
    isFocused() {
      const w = deps.getWindow();
      return Boolean(w && !w.isDestroyed() && w.isVisible() && !w.isMinimized() && w.isFocused());
    },
    destroy() {
      tray.destroy();
    },
  };
}

/** The icon for the tray and notifications: packed as an extra resource; in a checkout, assets/icon.png. */
export function iconPath(packaged: boolean, resourcesPath: string, mainDir: string): string {
  return packaged ? join(resourcesPath, 'icon.png') : join(mainDir, '..', '..', 'assets', 'icon.png');
}
