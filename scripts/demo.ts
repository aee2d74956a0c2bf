// `npm run demo`: the whole product on this machine, with realistic Vietnamese mail and no Electron binary needed.
//  1. starts the test mail stack (Dovecot, Postfix, a private Secret Service) on 127.0.0.1;
//  2. empties its mailboxes (unless --keep) and seeds them: official documents with PDF attachments for
//     chuyenvien@, citizens' and businesses' requests in the unit mailbox vanphong@, a reply thread with vanthu@;
//  3. builds the renderer if needed, starts the browser harness on a fresh demo profile and adds the three accounts
//     through the API contract (passwords go to the keychain, as in the app);
//  4. opens the harness in Chromium (a window if there is a display), or prints the URL and keeps serving.
// The stack keeps running afterwards (`npm run mailstack -- stop` stops it).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { minimalPdf } from '../e2e/support/pdf.ts';
import { deliver, type Outgoing } from '../e2e/support/mail.ts';
import { launch, type Session } from '../e2e/support/browser.ts';
import { ensureRendererBuilt } from '../harness/build.ts';
import { connectHarness } from '../harness/client.ts';
import { startHarness } from '../harness/server.ts';
import { resetMailboxes, startStack, type StackInfo } from './mailstack/index.ts';

const say = (line: string) => process.stderr.write(`${line}\n`);

const DOMAIN = 'cantho.gov.vn';
const chuyenvien = `chuyenvien@${DOMAIN}`;
const vanthu = `vanthu@${DOMAIN}`;
const vanphong = `vanphong@${DOMAIN}`;

/** n days ago at hh:mm Vietnam time (UTC+7, no daylight saving), whatever the machine's time zone. */
function ago(days: number, hh: number, mm: number): Date {
  const VN = 7 * 3600_000;
  const todayVn = new Date(Date.now() + VN);
  const at = Date.UTC(todayVn.getUTCFullYear(), todayVn.getUTCMonth(), todayVn.getUTCDate() - days, hh, mm) - VN;
  // "Today at 10:45" run at 08:00 would be a message from the future: keep today's messages in the past.
  return new Date(Math.min(at, Date.now() - (days === 0 ? 60_000 * (11 - hh) : 0)));
}

function pdf(filename: string, lines: string[]) {
  return { filename, content: minimalPdf(lines), contentType: 'application/pdf' };
}

/** The demo mailbox: what a civil servant of a city People's Committee office sees on a Monday morning. */
function seedMessages(): Outgoing[] {
  const threadId = `<thread-don-tran-van-binh@${DOMAIN}>`;
  const replyId = `<re-don-tran-van-binh@${DOMAIN}>`;
  return [
    {
      from: `Văn phòng UBND thành phố <${vanphong}>`,
      to: chuyenvien,
      subject: 'Công văn số 45/UBND-VP về việc triển khai hệ thống thư điện tử công vụ',
      date: ago(3, 8, 15),
      text:
        'Kính gửi: Các phòng, ban chuyên môn thuộc UBND thành phố.\n\n' +
        'Thực hiện Quyết định số 50/2009/QĐ-UBND của UBND thành phố Cần Thơ về việc ban hành Quy chế quản lý, sử dụng ' +
        'hệ thống thư điện tử, Văn phòng UBND thành phố đề nghị các đơn vị:\n\n' +
        '1. Sử dụng thư điện tử công vụ để trao đổi văn bản điện tử trong hoạt động công vụ;\n' +
        '2. Gửi bản điện tử của văn bản đã ban hành tới các cơ quan, đơn vị tại "Nơi nhận";\n' +
        '3. Không sử dụng thư điện tử công vụ để gửi văn bản có nội dung thuộc bí mật nhà nước.\n\n' +
        'Văn bản chi tiết đính kèm.\n\nTrân trọng.\n\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG',
      attachments: [
        pdf('Công văn số 45-UBND-VP.pdf', [
          'UY BAN NHAN DAN THANH PHO CAN THO',
          'So: 45/UBND-VP',
          'V/v trien khai he thong thu dien tu cong vu',
        ]),
      ],
    },
    {
      from: `Sở Nội vụ <snv@${DOMAIN}>`,
      to: chuyenvien,
      subject: 'Quyết định số 1234/QĐ-UBND ban hành Quy chế quản lý, sử dụng hệ thống thư điện tử',
      date: ago(2, 14, 40),
      text: 'Kính gửi anh/chị,\n\nSở Nội vụ gửi bản điện tử Quyết định số 1234/QĐ-UBND để các đơn vị biết và thực hiện.\n\nTrân trọng.',
      attachments: [
        pdf('Quyết định 1234-QĐ-UBND.pdf', [
          'QUYET DINH So 1234/QD-UBND',
          'Ban hanh Quy che quan ly, su dung he thong thu dien tu',
        ]),
      ],
    },
    {
      from: `Sở Thông tin và Truyền thông <stttt@${DOMAIN}>`,
      to: chuyenvien,
      cc: [vanthu],
      subject: 'Giấy mời họp giao ban công tác chuyển đổi số quý III/2025',
      date: ago(1, 9, 5),
      text:
        'Trân trọng kính mời đại diện lãnh đạo và chuyên viên phụ trách dự họp giao ban công tác chuyển đổi số.\n\n' +
        'Thời gian: 08 giờ 00, thứ Năm tuần này.\nĐịa điểm: Phòng họp số 2, Sở Thông tin và Truyền thông.\n\nTrân trọng.',
      attachments: [
        pdf('Giấy mời 215-GM-STTTT.pdf', [
          'GIAY MOI So 215/GM-STTTT',
          'Hop giao ban cong tac chuyen doi so quy III/2025',
        ]),
      ],
    },
    {
      from: `Văn thư <${vanthu}>`,
      to: chuyenvien,
      subject: 'V/v xử lý đơn đề nghị của ông Trần Văn Bình',
      date: ago(1, 10, 30),
      messageId: threadId,
      text:
        'Chào anh,\n\nVăn thư chuyển anh đơn đề nghị của ông Trần Văn Bình (phường An Hòa) về việc hỗ trợ thủ tục ' +
        'chuyển mục đích sử dụng đất. Đề nghị anh xem xét, tham mưu trả lời trước ngày 15.\n\nCảm ơn anh.',
      attachments: [
        pdf('Đơn đề nghị - Trần Văn Bình.pdf', [
          'DON DE NGHI',
          'Kinh gui: UBND thanh pho Can Tho',
          'Nguoi lam don: Tran Van Binh',
        ]),
      ],
    },
    {
      from: `Nguyễn Văn An <${chuyenvien}>`,
      to: vanthu,
      subject: 'Re: V/v xử lý đơn đề nghị của ông Trần Văn Bình',
      date: ago(1, 11, 2),
      messageId: replyId,
      inReplyTo: threadId,
      references: [threadId],
      text: 'Chào chị,\n\nEm đã nhận đơn, sẽ dự thảo văn bản trả lời và trình lãnh đạo trong tuần.\n\nTrân trọng.\n\n> Văn thư chuyển anh đơn đề nghị của ông Trần Văn Bình...',
    },
    {
      from: `Văn thư <${vanthu}>`,
      to: chuyenvien,
      subject: 'Re: Re: V/v xử lý đơn đề nghị của ông Trần Văn Bình',
      date: ago(0, 8, 20),
      inReplyTo: replyId,
      references: [threadId, replyId],
      text: 'Cảm ơn anh. Lãnh đạo đề nghị gửi dự thảo trước 16 giờ thứ Tư để kịp ký ban hành.\n\nTrân trọng.',
    },
    {
      from: `Phòng Kế hoạch - Tài chính <khtc@${DOMAIN}>`,
      to: chuyenvien,
      subject: 'Báo cáo tình hình thực hiện nhiệm vụ tháng 6/2025',
      date: ago(0, 9, 12),
      text: 'Đề nghị các phòng gửi báo cáo tình hình thực hiện nhiệm vụ tháng 6/2025 trước ngày 25/6.\n\nTrân trọng.',
    },
    {
      from: `Công đoàn cơ quan <congdoan@${DOMAIN}>`,
      to: chuyenvien,
      subject: 'Thông báo lịch trực cơ quan dịp nghỉ lễ Quốc khánh 2/9',
      date: ago(0, 10, 45),
      text: 'Công đoàn cơ quan thông báo lịch trực trong dịp nghỉ lễ Quốc khánh 2/9 như bảng đính kèm.',
      attachments: [pdf('Lịch trực lễ 2-9.pdf', ['LICH TRUC CO QUAN', 'Dip nghi le Quoc khanh 2/9'])],
    },
    // The unit mailbox (hộp thư đơn vị): requests from citizens, businesses and other agencies.
    {
      from: 'Nguyễn Thị Lan <lan.nguyen@gmail.com>',
      to: vanphong,
      subject: 'Đơn đề nghị cấp lại giấy chứng nhận quyền sử dụng đất',
      date: ago(2, 16, 20),
      text:
        'Kính gửi Ủy ban nhân dân thành phố Cần Thơ,\n\nTôi tên Nguyễn Thị Lan, thường trú tại phường Xuân Khánh, ' +
        'quận Ninh Kiều. Giấy chứng nhận quyền sử dụng đất của gia đình tôi bị hư hỏng do ngập nước. Kính đề nghị ' +
        'Quý cơ quan hướng dẫn thủ tục cấp lại.\n\nTôi xin chân thành cảm ơn.',
      attachments: [
        pdf('Đơn đề nghị cấp lại GCN.pdf', ['DON DE NGHI CAP LAI GIAY CHUNG NHAN', 'Nguoi de nghi: Nguyen Thi Lan']),
      ],
    },
    {
      from: 'Công ty TNHH Thương mại Mê Kông <info@mekong-trade.vn>',
      to: vanphong,
      subject: 'Hồ sơ đề nghị cấp giấy phép xây dựng nhà xưởng tại KCN Trà Nóc',
      date: ago(1, 15, 0),
      text: 'Kính gửi Quý cơ quan,\n\nCông ty chúng tôi gửi hồ sơ đề nghị cấp giấy phép xây dựng nhà xưởng (đính kèm).\n\nTrân trọng.',
      attachments: [
        pdf('Hồ sơ GPXD - Mê Kông.pdf', ['HO SO DE NGHI CAP GIAY PHEP XAY DUNG', 'Cong ty TNHH Thuong mai Me Kong']),
      ],
    },
    {
      from: 'Lê Văn Tâm <tam.le@yahoo.com>',
      to: vanphong,
      subject: 'Phản ánh tình trạng ngập nước trên đường Trần Hưng Đạo',
      date: ago(0, 7, 50),
      text: 'Kính gửi UBND thành phố,\n\nSau mỗi trận mưa, đoạn đường Trần Hưng Đạo gần chợ bị ngập sâu, gây khó khăn cho người dân đi lại. Kính mong Quý cơ quan xem xét.\n\nLê Văn Tâm',
    },
    {
      from: `Trường THCS Lê Quý Đôn <c2lequydon@${DOMAIN}>`,
      to: vanphong,
      subject: 'Công văn số 12/THCS-VP đề nghị hỗ trợ kinh phí sửa chữa phòng học',
      date: ago(0, 9, 30),
      text: 'Kính gửi UBND thành phố,\n\nNhà trường kính đề nghị hỗ trợ kinh phí sửa chữa 04 phòng học xuống cấp.\n\nTrân trọng.',
      attachments: [
        pdf('Công văn 12-THCS-VP.pdf', ['CONG VAN So 12/THCS-VP', 'De nghi ho tro kinh phi sua chua phong hoc']),
      ],
    },
  ];
}

async function seed(stack: StackInfo): Promise<number> {
  const messages = seedMessages();
  for (const m of messages) await deliver(stack, m);
  return messages.length;
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      keep: { type: 'boolean' },
      'no-seed': { type: 'boolean' },
      headless: { type: 'boolean' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (args.help) {
    say('Cách dùng / usage: npm run demo -- [--keep] [--no-seed] [--headless] [--port N]');
    say('  --keep      không làm trống hộp thư thử nghiệm trước khi nạp / do not empty the stack mailboxes first');
    say('  --no-seed   không nạp thư mẫu / do not deliver the sample messages');
    say('  --headless  không mở cửa sổ Chromium, chỉ in địa chỉ / do not open a window, print the URL');
    return;
  }

  say('Khởi động hệ thống thư thử nghiệm (Dovecot, Postfix, kho mật khẩu)…');
  const stack = await startStack({ flavour: 'full', log: (l) => say(`  ${l}`) });
  // keytar in this process talks to the stack's private Secret Service, never to the user's own keyring.
  Object.assign(process.env, stack.keyring.env);

  if (!args.keep) {
    say('Làm trống các hộp thư thử nghiệm…');
    await resetMailboxes(stack);
  }
  if (!args['no-seed']) {
    say('Nạp thư mẫu…');
    say(`  ${await seed(stack)} thư mẫu đã được chuyển tới chuyenvien@, vanthu@ và vanphong@.`);
  }

  await ensureRendererBuilt({ log: (l) => say(l) });
  const profileDir = mkdtempSync(join(tmpdir(), 'tcv-demo-profile-'));
  // "Mở trong cửa sổ mới" (app.openMessageWindow): a window the demo page opens, so its Escape / Đóng can close it.
  let demoPage: Session['page'] | null = null;
  const harness = await startHarness({
    profileDir,
    trustedCaFiles: [stack.ca],
    keychainService: 'Thư Công Vụ (demo)',
    port: args.port ? Number(args.port) : 0,
    desktop: {
      openWindow: async (url) => {
        if (!demoPage) throw new Error('no demo browser to open the window in');
        await demoPage.evaluate(`void window.open(${JSON.stringify(url)}, '_blank')`);
      },
    },
  });

  say('Thêm tài khoản vào hồ sơ demo (mật khẩu lưu trong kho mật khẩu)…');
  const api = await connectHarness(harness.url);
  const accounts: Array<{ email: string; displayName: string; kind: 'personal' | 'unit' }> = [
    { email: chuyenvien, displayName: 'Nguyễn Văn An', kind: 'personal' },
    { email: vanthu, displayName: 'Văn thư', kind: 'personal' },
    { email: vanphong, displayName: 'Văn phòng UBND thành phố', kind: 'unit' },
  ];
  for (const a of accounts) {
    const password = stack.users.find((u) => u.email === a.email)?.password ?? '';
    const r = await api.call('accounts.add', {
      ...a,
      password,
      imap: { host: stack.imap.host, port: stack.imap.tlsPort, security: 'tls' },
      smtp: { host: stack.smtp.host, port: stack.smtp.port, security: 'starttls' },
    });
    if (!r.ok) throw new Error(`accounts.add ${a.email}: ${r.error.code} ${r.error.message}`);
    say(`  ✔ ${a.email}`);
  }
  await api.close();

  say('');
  say(`Thư Công Vụ (demo): ${harness.url}`);
  say(`Hồ sơ demo: ${profileDir}`);
  say('Nhấn Ctrl+C để dừng. Hệ thống thư thử nghiệm vẫn chạy; dừng bằng: npm run mailstack -- stop');

  const stop = async () => {
    await harness.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  if (process.env.DISPLAY && !args.headless) {
    const session = await launch({ headed: true, viewport: null });
    await session.page.goto(harness.url);
    demoPage = session.page;
    say('Đã mở Chromium. Đóng cửa sổ để kết thúc.');
    session.browser.on('disconnected', () => void session.close().then(stop));
  } else {
    say('(Không có màn hình: hãy mở địa chỉ trên trong Chromium/Firefox trên máy này.)');
  }
}

main().catch((err: unknown) => {
  say(`demo: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
