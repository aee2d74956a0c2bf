// Where the test mail stack keeps everything, which ports it uses, and who its users are.
// One state folder holds config, data, sockets, pid files and logs, so `stop` + `rm -rf` is a full reset and nothing
// under /etc or /var is touched (testing.md: private instances, "nothing from /etc").
import path from 'node:path';

export type Flavour = 'full' | 'reduced';
export type Role = 'personal' | 'custodian' | 'unit' | 'head';

export interface StackUser {
  email: string;
  password: string;
  role: Role;
}

export const HOST = '127.0.0.1';
export const DOMAIN = 'cantho.gov.vn';

export const PORTS = {
  imap: 10143,
  imaps: 10993,
  lmtp: 10024,
  reducedImap: 10144,
  reducedImaps: 10994,
  submission: 10587,
  inbound: 10025,
} as const;

/** The ports of one instance: the shared stack's fixed PORTS, or free ones picked for a private instance. */
export type Ports = { readonly [K in keyof typeof PORTS]: number };

// Passwords are test fixtures, printed in the JSON on purpose. Three of them carry Vietnamese letters so that every
// client path (IMAP AUTHENTICATE PLAIN, IMAP LOGIN, SMTP AUTH PLAIN/LOGIN through Postfix -> Dovecot SASL, keytar)
// is exercised with UTF-8; one stays ASCII so a failure can be told apart from an encoding problem.
export const USERS: readonly StackUser[] = [
  { email: `chuyenvien@${DOMAIN}`, password: 'Mật-khẩu-1', role: 'personal' },
  { email: `vanthu@${DOMAIN}`, password: 'Văn-thư-2', role: 'custodian' },
  { email: `vanphong@${DOMAIN}`, password: 'Đơn-vị-3', role: 'unit' },
  { email: `lanhdao@${DOMAIN}`, password: 'lanhdao-4', role: 'head' },
];

// Who may use which envelope sender on submission (smtpd_sender_login_maps): everyone as themselves, and the
// custodian also as the unit mailbox it serves.
export function senderLogins(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const u of USERS) map.set(u.email, [u.email]);
  const unit = USERS.find((u) => u.role === 'unit');
  const custodian = USERS.find((u) => u.role === 'custodian');
  if (unit && custodian) map.get(unit.email)?.push(custodian.email);
  return map;
}

// Special-use folders every mailbox gets, created and subscribed by Dovecot on first access.
export const SPECIAL_FOLDERS = [
  { name: 'Drafts', use: '\\Drafts' },
  { name: 'Sent', use: '\\Sent' },
  { name: 'Trash', use: '\\Trash' },
  { name: 'Junk', use: '\\Junk' },
  { name: 'Archive', use: '\\Archive' },
] as const;

// The keyring's unlock password only protects a throwaway keyring inside the state folder.
export const KEYRING_PASSWORD = 'tcv-keyring-test';

// The stock 'mail' account (uid/gid 8) owns the mail homes: no system account to create (testing.md).
export const MAIL_UID = 8;
export const MAIL_GID = 8;

export function stateDir(): string {
  return path.resolve(process.env.TCV_MAILSTACK_DIR || '/tmp/tcv-mailstack');
}

export interface Layout {
  dir: string;
  /** Ports this instance listens on (127.0.0.1 only). */
  ports: Ports;
  /** Dovecot's instance_name prefix: `tcv` for the shared stack, unique for a private one. */
  instance: string;
  /** Capabilities the reduced flavour leaves out on top of its usual list (a private instance without IDLE). */
  reducedWithout: readonly string[];
  /** A storage quota for every user (Dovecot `quota_rule = *:storage=…`, e.g. `60k`), or null: none (shared stack). */
  quota: string | null;
  lockFile: string;
  logDir: string;
  tlsDir: string;
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  usersFile: string;
  mailDir: string;
  sharedDir: string;
  dovecot: Record<
    Flavour,
    { root: string; conf: string; baseDir: string; stateDir: string; log: string; pidFile: string }
  >;
  authSocket: string;
  postfix: {
    root: string;
    conf: string;
    spool: string;
    data: string;
    log: string;
    pidFile: string;
  };
  keyring: {
    root: string;
    busConf: string;
    bus: string;
    home: string;
    runtime: string;
    dbusPidFile: string;
    keyringPidFile: string;
    dbusLog: string;
    keyringLog: string;
  };
}

export function layout(
  dir = stateDir(),
  opts: { ports?: Ports; instance?: string; reducedWithout?: readonly string[]; quota?: string | null } = {},
): Layout {
  const logDir = path.join(dir, 'log');
  const tlsDir = path.join(dir, 'tls');
  const dovecot = (name: string, flavour: Flavour) => {
    const root = path.join(dir, name);
    const baseDir = path.join(root, 'run');
    return {
      root,
      conf: path.join(root, 'dovecot.conf'),
      baseDir,
      stateDir: path.join(root, 'state'),
      log: path.join(logDir, `${name}.log`),
      pidFile: path.join(baseDir, 'master.pid'),
      flavour,
    };
  };
  const full = dovecot('dovecot', 'full');
  const spool = path.join(dir, 'postfix', 'spool');
  const keyringRoot = path.join(dir, 'keyring');
  return {
    dir,
    ports: opts.ports ?? PORTS,
    instance: opts.instance ?? 'tcv',
    reducedWithout: opts.reducedWithout ?? [],
    quota: opts.quota ?? null,
    lockFile: path.join(dir, 'stack.lock'),
    logDir,
    tlsDir,
    caCert: path.join(tlsDir, 'ca.pem'),
    caKey: path.join(tlsDir, 'ca.key'),
    serverCert: path.join(tlsDir, 'server.pem'),
    serverKey: path.join(tlsDir, 'server.key'),
    usersFile: path.join(dir, 'users'),
    mailDir: path.join(dir, 'mail'),
    sharedDir: path.join(dir, 'shared'),
    dovecot: { full, reduced: dovecot('dovecot-reduced', 'reduced') },
    authSocket: path.join(full.baseDir, 'auth-postfix'),
    postfix: {
      root: path.join(dir, 'postfix'),
      conf: path.join(dir, 'postfix', 'conf'),
      spool,
      data: path.join(dir, 'postfix', 'data'),
      log: path.join(logDir, 'postfix.log'),
      pidFile: path.join(spool, 'pid', 'master.pid'),
    },
    keyring: {
      root: keyringRoot,
      busConf: path.join(keyringRoot, 'bus.conf'),
      bus: path.join(keyringRoot, 'bus'),
      home: path.join(keyringRoot, 'home'),
      runtime: path.join(keyringRoot, 'runtime'),
      dbusPidFile: path.join(keyringRoot, 'dbus.pid'),
      keyringPidFile: path.join(keyringRoot, 'keyring.pid'),
      dbusLog: path.join(logDir, 'dbus.log'),
      keyringLog: path.join(logDir, 'keyring.log'),
    },
  };
}
