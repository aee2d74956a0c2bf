export const USAGE = `Cách dùng / Usage: tcv [--profile THƯ_MỤC] [--policy TỆP] LỆNH [tùy chọn]

Lệnh / Commands:
  account add --email E --imap HOST:PORT --smtp HOST:PORT [--ca FILE] --password-stdin
              [--name TÊN] [--kind personal|unit] [--username U]
              [--imap-security tls|starttls] [--smtp-security tls|starttls] [--no-verify]
              (không có --imap và --smtp: tự tìm cấu hình như "account discover" / without them: discovered)
  account discover EMAIL [--json]
              (chính sách CNTT → autoconfig → danh sách nhà cung cấp → DNS SRV → dò thử;
               policy → autoconfig → provider file → SRV → guesses)
  account list [--json]
  account remove EMAIL
  sync [--account E] [--folder F] [--watch] [--json]
              (không có --folder: mọi thư mục, INBOX trước / all folders, INBOX first;
               --watch: theo dõi thư mới đến khi nhấn Ctrl+C / keep watching until Ctrl+C)
  ls [THƯ_MỤC] [--account E] [--limit N] [--offset N] [--json]
  show UID [--folder F] [--account E] [--json]
  export --format mbox|eml THƯ_MỤC ĐÍCH [--account E] [--json]
              (sao lưu thư mục từ máy chủ / back up a folder from the server, Điều 9.2)
  attachment UID INDEX [--folder F] [--save-to TỆP] [--account E] [--json]
  move UID... --from F --to T [--account E] [--json]
  flag UID... [--folder F] (--seen|--unseen|--flagged|--unflagged|--add-keyword K|--remove-keyword K)...
              [--account E] [--json]
  search TỪ_KHÓA... [--account E] [--folder F] [--limit N] [--offset N] [--server] [--json]
              (from: to: subject: has:attachment is:unread is:flagged before:/after:dd/mm/yyyy folder: "cụm từ")
  thread UID [--folder F] [--account E] [--json]
  send --to A [--to B...] [--cc C...] [--bcc D...] --subject S --body-file F|- [--html-file F|-]
              [--attach TỆP...] [--account E] [--json]
  outbox [--account E] [--json]  |  outbox retry ID  |  outbox cancel ID
  doctor [--account E] [--json]
  text fold VĂN_BẢN...
  text detect TỆP|- [--json]
  text convert [--from auto|tcvn3|vni|viscii|viqr|cp1258] TỆP|- [--json]
  directory import TỆP [--format auto|json|csv|xlsx|vcard] [--dry-run] [--json]
  directory validate TỆP [--format auto|json|csv|xlsx|vcard] [--json]
  directory search TỪ_KHÓA... [--limit N] [--active] [--json]
  directory match VĂN_BẢN... [--json]
  directory show MÃ [--json]  |  directory groups [--json]  |  directory info [--json]
  directory export TỆP [--format json|csv|xlsx|vcard] [--vcard-version 3.0|4.0] [--json]
  directory sync-ldap [--json]          (máy chủ LDAP theo chính sách: directory.ldap; xem docs/ldap.md)
  directory ldap-password --password-stdin

Mã thoát / Exit codes: 0 thành công / ok, 1 lỗi (kèm mã lỗi) / failure (with error code), 2 sai cú pháp / usage.
Thư mục hồ sơ mặc định / default profile: biến TCV_PROFILE hoặc thư mục dữ liệu của ứng dụng.
Chính sách của đơn vị / IT policy: --policy TỆP, biến TCV_POLICY, hoặc tệp mặc định của máy (docs/policy.md).
`;
