// Passwords go to the OS keychain through keytar (Windows Credential Manager, macOS Keychain, libsecret) and nowhere
// else. A keychain that cannot be reached is a clear KEYCHAIN_UNAVAILABLE error, never a plaintext fallback.
import { createRequire } from 'node:module';
import { TcvError } from '../api/errors.ts';
import type { SecretStore } from '../platform/types.ts';

export const KEYCHAIN_SERVICE = 'Thư Công Vụ';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

let loaded: Keytar | null = null;
function keytar(): Keytar {
  if (loaded) return loaded;
  try {
    // keytar is a native (N-API) CommonJS module; loading lazily keeps a broken install from breaking start-up.
    loaded = createRequire(import.meta.url)('keytar') as Keytar;
    return loaded;
  } catch (err) {
    throw new TcvError('KEYCHAIN_UNAVAILABLE', `keytar could not be loaded: ${(err as Error).message}`, { cause: err });
  }
}

function backendName(): string {
  switch (process.platform) {
    case 'win32':
      return 'Windows Credential Manager';
    case 'darwin':
      return 'macOS Keychain';
    default:
      return 'Secret Service (libsecret)';
  }
}

async function guard<T>(op: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof TcvError) throw err;
    // Seen on Linux: "Cannot autolaunch D-Bus without X11 $DISPLAY" (no session bus),
    // "Object does not exist at path …/collection/login" (no unlocked keyring) — testing.md.
    throw new TcvError('KEYCHAIN_UNAVAILABLE', `${op}: ${(err as Error).message}`, { cause: err });
  }
}

export function createKeytarSecretStore(service = KEYCHAIN_SERVICE): SecretStore {
  return {
    backend: backendName(),
    get: (account) => guard('get', () => keytar().getPassword(service, account)),
    set: (account, secret) => guard('set', () => keytar().setPassword(service, account, secret)),
    delete: (account) => guard('delete', () => keytar().deletePassword(service, account)),
  };
}
