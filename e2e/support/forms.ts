// Filling the add-account form the way a user does, by its Vietnamese labels.
import type { Page } from 'playwright-core';
import type { StackInfo } from '../../scripts/mailstack/index.ts';

export interface ServerOverride {
  imap?: { host: string; port: number; security: 'tls' | 'starttls' };
  smtp?: { host: string; port: number; security: 'tls' | 'starttls' };
}

export async function fillAccountForm(
  page: Page,
  stack: StackInfo,
  email: string,
  password: string,
  displayName: string,
  servers: ServerOverride = {},
) {
  const imapServer = servers.imap ?? { host: stack.imap.host, port: stack.imap.tlsPort, security: 'tls' };
  const smtpServer = servers.smtp ?? { host: stack.smtp.host, port: stack.smtp.port, security: 'starttls' };
  const form = page.getByTestId('add-account-form').last();
  await form.getByLabel('Địa chỉ thư điện tử').fill(email);
  await form.getByLabel('Tên hiển thị').fill(displayName);
  await form.getByLabel('Mật khẩu', { exact: false }).first().fill(password);
  const imap = form.getByRole('group', { name: 'Máy chủ nhận thư (IMAP)' });
  await imap.getByLabel('Địa chỉ máy chủ').fill(imapServer.host);
  await imap.getByLabel('Cổng').fill(String(imapServer.port));
  await imap.getByLabel('Bảo mật kết nối').selectOption(imapServer.security);
  const smtp = form.getByRole('group', { name: 'Máy chủ gửi thư (SMTP)' });
  await smtp.getByLabel('Địa chỉ máy chủ').fill(smtpServer.host);
  await smtp.getByLabel('Bảo mật kết nối').selectOption(smtpServer.security);
  await smtp.getByLabel('Cổng').fill(String(smtpServer.port));
  return form;
}
