// Libraries the engine needs only for some actions (sending: nodemailer; opening a body or a draft: mailparser; the
// directory: ldapts) are loaded the first time one of those actions runs, not when the engine starts: each one costs
// the resident code and heap of its module graph for the life of the process (measured in docs/sync.md "Memory").
// `lazy(() => import('x'))` gives a loader that imports once and hands every later caller the same module; a failed
// import is not kept, so the next call tries again.
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((err: unknown) => {
      pending = undefined;
      throw err;
    }));
}

// The libraries loaded this way, one loader each, shared by every module that uses them.
export const mailparser = lazy(() => import('mailparser'));
export const mailComposer = lazy(() => import('nodemailer/lib/mail-composer'));
export const smtpConnection = lazy(() => import('nodemailer/lib/smtp-connection'));
export const nodemailer = lazy(() => import('nodemailer'));
export const ldapts = lazy(() => import('ldapts'));
