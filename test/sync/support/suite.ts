// The sync tests' suite (test/support/suite.ts) on the full flavour (or the one given): they work as lanhdao@ ("head": other engineers'
// tests put their big folders elsewhere), change the server behind the engine's back through head's own IMAP
// session, and open engines, proxies and folders that go away in after().
import type { ImapFlow } from 'imapflow';
import type { Flavour, Role, StackInfo } from '../../../scripts/mailstack/index.ts';
import { user } from '../../support/stack.ts';
import { suite, type Suite } from '../../support/suite.ts';
import { syncEngine, type SyncTestEngine } from './engine.ts';
import { deleteFolder, imapClient, uniqueFolder } from './fixtures.ts';
import { TcpProxy } from './proxy.ts';

export interface SyncSuite extends Suite {
  /** Head's own IMAP session: "another client" that changes the server. */
  readonly other: ImapFlow;
  head(): ReturnType<typeof user>;
  /** A sync test engine (temp profile unless given), closed in after(). */
  engine(opts?: Parameters<typeof syncEngine>[1]): Promise<SyncTestEngine>;
  /** A started TCP proxy in front of the stack's IMAP port, stopped in after(). */
  proxy(): Promise<TcpProxy>;
  /** A unique folder name in the account of `role` (head by default), deleted in after(). */
  folder(tag: string, role?: Role): string;
  /** An IMAP session of another stack user, logged out in after(). */
  session(role: Role): Promise<ImapFlow>;
}

export function syncSuite(setup?: (s: SyncSuite) => Promise<void>, flavour: Flavour = 'full'): SyncSuite {
  let other: ImapFlow | null = null;
  const connect = async (info: StackInfo, role: Role): Promise<ImapFlow> => {
    const u = user(info, role);
    const c = imapClient(info, u.email, u.password);
    await c.connect();
    return s.keep(c, (x) => x.logout().catch(() => undefined));
  };
  const base = suite(flavour, async () => {
    other = await connect(s.info, 'head');
    await setup?.(s);
  });
  const s: SyncSuite = {
    get info() {
      return base.info;
    },
    cleanup: (fn) => base.cleanup(fn),
    keep: (value, close) => base.keep(value, close),
    get other(): ImapFlow {
      if (!other) throw new Error('syncSuite(): the IMAP session is open from before() on');
      return other;
    },
    head: () => user(base.info, 'head'),
    engine: async (opts) => base.keep(await syncEngine(base.info, opts), (t) => t.close()),
    async proxy() {
      const p = base.keep(new TcpProxy(base.info.imap.host, base.info.imap.port), (x) => x.stop());
      await p.start();
      return p;
    },
    folder(tag, role = 'head') {
      const name = uniqueFolder(tag);
      base.cleanup(() => deleteFolder(base.info, user(base.info, role).email, name));
      return name;
    },
    session: (role) => connect(base.info, role),
  };
  return s;
}
