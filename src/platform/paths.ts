// Where a profile lives when the host does not say. Matches Electron's app.getPath('userData') for the product name,
// so the CLI and the app share one profile by default.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Thư Công Vụ';

export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

export function defaultProfileDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TCV_PROFILE || join(defaultUserDataDir(env), 'profile');
}
