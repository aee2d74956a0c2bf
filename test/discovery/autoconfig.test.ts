// Thunderbird's config-v1.1.xml as we read it, and the strict XML reader under it (pure, no network).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { autoconfigUrls, parseAutoconfig } from '../../src/accounts/discovery/autoconfig.ts';
import { parseXml } from '../../src/accounts/discovery/xml.ts';
import { PROVIDERS, providerFor } from '../../src/accounts/discovery/providers.ts';
import { autoconfigXml } from './support.ts';

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

test('servers, placeholders and the display name', () => {
  const xml = autoconfigXml({
    domain: 'so.test',
    imap: { host: 'imap.%EMAILDOMAIN%', port: 993, socketType: 'SSL', username: '%EMAILLOCALPART%' },
    smtp: { host: 'smtp.so.test', port: 587, socketType: 'STARTTLS' },
    // A POP3 server and a plaintext IMAP server before the good one: skipped, said why.
    extraIncoming:
      '<incomingServer type="pop3"><hostname>pop.so.test</hostname><port>995</port><socketType>SSL</socketType></incomingServer>' +
      '<incomingServer type="imap"><hostname>old.so.test</hostname><port>143</port><socketType>plain</socketType></incomingServer>',
  });
  const r = parseAutoconfig(xml, 'van.thu@so.test');
  assert.deepEqual(r.imap, { host: 'imap.so.test', port: 993, security: 'tls' });
  assert.deepEqual(r.smtp, { host: 'smtp.so.test', port: 587, security: 'starttls' });
  assert.equal(r.username, 'van.thu');
  assert.equal(r.displayName, 'Thư so.test & co');
  assert.deepEqual(r.skipped, [
    'incomingServer pop3: not imap',
    'incomingServer imap old.so.test:143: plaintext refused',
  ]);
  // %EMAILADDRESS% as the login is the default: no separate user name.
  const plainUser = parseAutoconfig(xml.replace('%EMAILLOCALPART%', '%EMAILADDRESS%'), 'a@so.test');
  assert.equal(plainUser.username, null);
});

test('plaintext only is refused with its own code; nonsense is AUTOCONFIG_INVALID', () => {
  const plain = autoconfigXml({
    domain: 'p.test',
    imap: { host: 'mail.p.test', port: 143, socketType: 'plain' },
    smtp: { host: 'mail.p.test', port: 25, socketType: 'plain' },
  });
  assert.throws(() => parseAutoconfig(plain, 'a@p.test'), code('PLAINTEXT_REFUSED'));
  assert.throws(() => parseAutoconfig('<html><body>hello</body></html>', 'a@p.test'), code('AUTOCONFIG_INVALID'));
  assert.throws(() => parseAutoconfig('not xml at all', 'a@p.test'), code('AUTOCONFIG_INVALID'));
  const oauthOnly = plain.replaceAll('plain', 'SSL').replaceAll('password-cleartext', 'OAuth2');
  assert.throws(() => parseAutoconfig(oauthOnly, 'a@p.test'), code('AUTOCONFIG_INVALID'));
  const badHost = plain.replaceAll('plain', 'SSL').replace('mail.p.test', 'mail p;rm -rf');
  assert.throws(() => parseAutoconfig(badHost, 'a@p.test'), code('AUTOCONFIG_INVALID'));
});

test('the XML reader: entities, CDATA, comments; refuses DOCTYPE and broken nesting', () => {
  const el = parseXml(
    '<?xml version="1.0"?><!-- c --><a x="1 &amp; 2"><b>&lt;&#x1EA1;&#7841;<![CDATA[<raw>]]></b><c/></a>',
  );
  assert.equal(el.name, 'a');
  assert.equal(el.attrs.x, '1 & 2');
  assert.equal(el.children[0]?.text, '<ạạ<raw>');
  assert.equal(el.children[1]?.name, 'c');
  assert.throws(() => parseXml('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'), /document type/);
  assert.throws(() => parseXml('<a><b></a></b>'), /unexpected/);
  assert.throws(() => parseXml('<a>&nbsp;</a>'), /unknown entity/);
  assert.throws(() => parseXml('<a></a><b></b>'), /more than one root/);
  assert.throws(() => parseXml('<a>'), /unclosed/);
});

test('the two autoconfig locations (port only when not 443)', () => {
  assert.deepEqual(autoconfigUrls('A.B@So.Test', 443), [
    'https://autoconfig.so.test/mail/config-v1.1.xml?emailaddress=A.B%40So.Test',
    'https://so.test/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=A.B%40So.Test',
  ]);
  assert.match(autoconfigUrls('a@so.test', 8443)[0] ?? '', /^https:\/\/autoconfig\.so\.test:8443\//);
});

test('the provider file: each entry has a source, no domain twice, TLS only', () => {
  const domains = PROVIDERS.flatMap((p) => p.domains);
  assert.equal(new Set(domains).size, domains.length);
  for (const p of PROVIDERS) assert.match(p.source, /^https:\/\//);
  assert.equal(providerFor('hotmail.com')?.name, 'Outlook.com');
  assert.equal(providerFor('cantho.gov.vn'), null);
});
