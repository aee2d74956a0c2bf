// Where the machine-wide policy file lives (docs/policy.md). Machine-wide folders, writable only by administrators,
// so IT can push the file and users cannot change it. TCV_POLICY overrides (tests, pilots); the CLI also takes
// --policy FILE and the harness a path.
import { join, win32 } from 'node:path';

export const POLICY_ENV = 'TCV_POLICY';

export function defaultPolicyPath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (platform === 'win32') return win32.join(env.ProgramData || 'C:\\ProgramData', 'ThuCongVu', 'policy.json');
  if (platform === 'darwin') return join('/Library', 'Application Support', 'ThuCongVu', 'policy.json');
  return join('/etc', 'thu-cong-vu', 'policy.json');
}

/** The path to read: TCV_POLICY if set, else the platform's machine-wide location. */
export function policyPath(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  return env[POLICY_ENV] || defaultPolicyPath(platform, env);
}
