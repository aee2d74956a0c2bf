// One table of error codes (design.md "Errors are data"). Each code has a message a civil servant understands,
// in Vietnamese first and English second; technical detail goes to the log, never to this message.
// Pure module: the renderer imports it to translate codes.

export const errorCodes = {
  VALIDATION: {
    vi: 'Dữ liệu nhập vào không hợp lệ.',
    en: 'The input is not valid.',
  },
  FORBIDDEN: {
    vi: 'Yêu cầu bị từ chối vì không đến từ cửa sổ của ứng dụng.',
    en: "The request was refused because it did not come from the application's own window.",
  },
  ENGINE_UNAVAILABLE: {
    vi: 'Giao diện tạm mất liên lạc với bộ phận xử lý thư của ứng dụng. Đang thử kết nối lại; dữ liệu không bị mất.',
    en: "The window lost contact with the application's mail engine. Reconnecting; no data was lost.",
  },
  UNKNOWN_METHOD: {
    vi: 'Chức năng được yêu cầu không tồn tại.',
    en: 'The requested function does not exist.',
  },
  AUTH_FAILED: {
    vi: 'Máy chủ từ chối tên đăng nhập hoặc mật khẩu. Hãy kiểm tra lại mật khẩu.',
    en: 'The server rejected the user name or password. Check the password.',
  },
  TLS_UNTRUSTED: {
    vi: 'Chứng chỉ bảo mật của máy chủ không được tin cậy. Kết nối đã bị dừng để bảo vệ mật khẩu; hãy liên hệ bộ phận CNTT.',
    en: "The server's security certificate is not trusted. The connection was stopped to protect your password; contact IT.",
  },
  TLS_FAILED: {
    vi: 'Không thiết lập được kết nối bảo mật (TLS) với máy chủ.',
    en: 'Could not establish a secure (TLS) connection to the server.',
  },
  CONNECTION_REFUSED: {
    vi: 'Không kết nối được tới máy chủ: cổng đóng hoặc máy chủ không chạy. Hãy kiểm tra địa chỉ và cổng.',
    en: 'Could not connect to the server: the port is closed or the server is not running. Check the address and port.',
  },
  HOST_NOT_FOUND: {
    vi: 'Không tìm thấy máy chủ với tên đã nhập. Hãy kiểm tra địa chỉ máy chủ.',
    en: 'No server was found with that name. Check the server address.',
  },
  CONNECTION_LOST: {
    vi: 'Máy chủ đã ngắt kết nối giữa chừng. Hãy thử lại sau ít phút.',
    en: 'The server closed the connection unexpectedly. Try again in a few minutes.',
  },
  TIMEOUT: {
    vi: 'Máy chủ không trả lời kịp thời. Hãy kiểm tra mạng và thử lại.',
    en: 'The server did not answer in time. Check the network and try again.',
  },
  SERVER_ERROR: {
    vi: 'Máy chủ thư báo lỗi khi xử lý yêu cầu.',
    en: 'The mail server reported an error while handling the request.',
  },
  QUOTA: {
    vi: 'Hộp thư đã đầy (vượt hạn mức dung lượng).',
    en: 'The mailbox is full (over quota).',
  },
  SEND_REJECTED: {
    vi: 'Máy chủ gửi thư từ chối thư này (người gửi hoặc người nhận không được chấp nhận).',
    en: 'The sending server refused this message (sender or recipient not accepted).',
  },
  MESSAGE_TOO_LARGE: {
    vi: 'Thư (kể cả tệp đính kèm) lớn hơn giới hạn máy chủ cho phép. Hãy bớt tệp đính kèm hoặc chia thành nhiều thư.',
    en: "The message (attachments included) is larger than the server's limit. Remove attachments or split the message.",
  },
  SMTPUTF8_UNSUPPORTED: {
    vi: 'Địa chỉ thư có chữ tiếng Việt có dấu nhưng máy chủ gửi thư không hỗ trợ (SMTPUTF8). Hãy dùng địa chỉ không dấu.',
    en: 'An address contains Vietnamese letters but the sending server does not support them (SMTPUTF8). Use an ASCII address.',
  },
  ATTACHMENT_UNREADABLE: {
    vi: 'Không đọc được tệp đính kèm (tệp đã bị xóa, di chuyển hoặc không có quyền đọc).',
    en: 'An attachment could not be read (the file was deleted, moved, or is not readable).',
  },
  INVALID_STATE: {
    vi: 'Không thực hiện được thao tác này ở trạng thái hiện tại (ví dụ: thư đang được gửi hoặc đã gửi).',
    en: 'This action is not possible in the current state (for example, the message is being sent or was already sent).',
  },
  KEYCHAIN_UNAVAILABLE: {
    vi: 'Không truy cập được kho mật khẩu của hệ điều hành. Mật khẩu không được lưu ở nơi nào khác; hãy liên hệ bộ phận CNTT.',
    en: "The operating system's password store is not available. The password is never stored elsewhere; contact IT.",
  },
  SECRET_MISSING: {
    vi: 'Chưa có mật khẩu của tài khoản này trong kho mật khẩu. Hãy nhập lại mật khẩu.',
    en: 'The password for this account is not in the password store. Enter it again.',
  },
  ACCOUNT_NOT_FOUND: {
    vi: 'Không tìm thấy tài khoản thư.',
    en: 'The mail account was not found.',
  },
  ACCOUNT_EXISTS: {
    vi: 'Tài khoản thư này đã được thêm.',
    en: 'This mail account has already been added.',
  },
  FOLDER_NOT_FOUND: {
    vi: 'Không tìm thấy thư mục.',
    en: 'The folder was not found.',
  },
  // Folder actions (src/actions, docs/actions.md).
  FOLDER_EXISTS: {
    vi: 'Đã có thư mục với tên này.',
    en: 'A folder with this name already exists.',
  },
  FOLDER_PROTECTED: {
    vi: 'Không thể đổi tên hoặc xóa Hộp thư đến và các thư mục hệ thống (Đã gửi, Thư nháp, Thùng rác, Thư rác...).',
    en: 'The Inbox and the system folders (Sent, Drafts, Trash, Junk...) cannot be renamed or deleted.',
  },
  // Folder names (src/shared/folder-name.ts): checked by the folder dialogs while typing and by the engine.
  FOLDER_NAME_EMPTY: {
    vi: 'Hãy nhập tên thư mục.',
    en: 'Type a folder name.',
  },
  FOLDER_NAME_SEPARATOR: {
    vi: 'Tên thư mục không được chứa ký tự phân cấp của máy chủ thư (thường là “/” hoặc “.”). Để tạo thư mục con, hãy nhấn chuột phải vào thư mục cha rồi chọn “Thư mục con mới…”.',
    en: "A folder name cannot contain the mail server's hierarchy character (usually “/” or “.”). To make a subfolder, right-click the parent folder and choose “New subfolder…”.",
  },
  FOLDER_NAME_CHARS: {
    vi: 'Tên thư mục không được chứa dấu * hoặc % hay ký tự điều khiển.',
    en: 'A folder name cannot contain * or % or control characters.',
  },
  FOLDER_NAME_RESERVED: {
    vi: 'Tên “INBOX” dành riêng cho Hộp thư đến. Hãy chọn tên khác.',
    en: 'The name “INBOX” is reserved for the Inbox. Choose another name.',
  },
  FOLDER_NAME_TOO_LONG: {
    vi: 'Tên thư mục quá dài (tối đa 255 ký tự mỗi cấp).',
    en: 'The folder name is too long (at most 255 characters per level).',
  },
  UNDO_EXPIRED: {
    vi: 'Không thể hoàn tác thao tác này nữa (đã hoàn tác hoặc đã quá lâu).',
    en: 'This action can no longer be undone (already undone, or too long ago).',
  },
  MESSAGE_NOT_FOUND: {
    vi: 'Không tìm thấy thư (có thể đã bị xóa hoặc chuyển đi).',
    en: 'The message was not found (it may have been deleted or moved).',
  },
  // Search queries (src/search/query.ts): each says what to fix, so the search box can show it as is.
  QUERY_EMPTY: {
    vi: 'Hãy nhập từ cần tìm (ví dụ: thư mời, from:vanphong, is:unread).',
    en: 'Type something to search for (for example: invitation, from:office, is:unread).',
  },
  QUERY_BAD_DATE: {
    vi: 'Ngày trong câu tìm kiếm không hợp lệ. Hãy viết theo dạng ngày/tháng/năm, ví dụ: after:01/03/2026.',
    en: 'A date in the search is not valid. Write it as day/month/year, for example: after:01/03/2026.',
  },
  QUERY_BAD_OPERATOR: {
    vi: 'Câu tìm kiếm có điều kiện không hiểu được. Hãy dùng has:attachment, is:unread, is:read, is:flagged hoặc is:unflagged.',
    en: 'The search has a condition that is not understood. Use has:attachment, is:unread, is:read, is:flagged or is:unflagged.',
  },
  QUERY_BAD_LOGIC: {
    vi: 'Câu tìm kiếm dùng OR hoặc NOT chưa đúng. OR nối hai từ hoặc cụm từ trong ngoặc kép (ví dụ: "báo cáo" OR "tờ trình"); dấu - hoặc NOT đặt trước từ cần loại trừ (ví dụ: -nháp, NOT from:vanphong).',
    en: 'OR or NOT is used in a way the search does not understand. OR joins two words or quoted phrases (for example: "annual report" OR memo); put - or NOT before what to leave out (for example: -draft, NOT from:office).',
  },
  // Export of a folder (src/sync/export.ts, docs/export.md): the backup the user keeps (Article 9.2).
  EXPORT_CANCELLED: {
    vi: 'Đã hủy xuất thư mục. Các tệp đang ghi dở đã được xóa; những bản sao lưu trước đó vẫn giữ nguyên.',
    en: 'The export was cancelled. Partly written files were removed; earlier backups are unchanged.',
  },
  STORAGE_FULL: {
    vi: 'Ổ đĩa đã đầy nên không ghi được. Hãy giải phóng dung lượng hoặc chọn ổ đĩa khác rồi thử lại; tệp ghi dở đã được xóa.',
    en: 'The disk is full. Free some space or choose another drive and try again; the partly written files were removed.',
  },
  STORAGE_DENIED: {
    vi: 'Không có quyền ghi vào thư mục đã chọn. Hãy chọn thư mục khác (ví dụ: Tài liệu của bạn) rồi thử lại.',
    en: 'There is no permission to write to the chosen folder. Choose another folder (for example your Documents) and try again.',
  },
  STORAGE: {
    vi: 'Không ghi được dữ liệu vào máy (ổ đĩa đầy hoặc không có quyền ghi). Dữ liệu chưa ghi không bị mất.',
    en: 'Could not write data on this computer (disk full or no permission). Unsaved data was not lost.',
  },
  // City directory (src/directory, docs/directory.md).
  FILE_UNREADABLE: {
    vi: 'Không đọc được tệp (tệp không tồn tại hoặc không có quyền đọc).',
    en: 'The file could not be read (it does not exist or is not readable).',
  },
  DIRECTORY_INVALID: {
    vi: 'Tệp danh bạ có lỗi nên chưa được nhập. Hãy xem báo cáo kiểm tra, sửa các dòng được nêu rồi nhập lại.',
    en: 'The directory file has errors and was not imported. See the validation report, fix the lines listed and import again.',
  },
  DIRECTORY_ENTRY_NOT_FOUND: {
    vi: 'Không tìm thấy mục này trong danh bạ.',
    en: 'The entry was not found in the directory.',
  },
  DIRECTORY_GROUP_NOT_FOUND: {
    vi: 'Không tìm thấy nhóm này trong danh bạ.',
    en: 'The group was not found in the directory.',
  },
  // LDAP source of the directory (src/directory/ldap, docs/ldap.md). Each says the directory already held is kept.
  LDAP_NOT_CONFIGURED: {
    vi: 'Chưa cấu hình nguồn danh bạ LDAP. Bộ phận CNTT khai báo máy chủ LDAP trong tệp chính sách (directory.ldap).',
    en: 'No LDAP directory source is configured. IT sets the LDAP server in the policy file (directory.ldap).',
  },
  LDAP_UNREACHABLE: {
    vi: 'Không kết nối được tới máy chủ danh bạ (LDAP): máy chủ không chạy, sai địa chỉ hoặc cổng, hoặc mạng có sự cố. Danh bạ hiện có được giữ nguyên.',
    en: 'Could not reach the directory (LDAP) server: it is not running, the address or port is wrong, or the network is down. The current directory was kept.',
  },
  LDAP_TLS_UNTRUSTED: {
    vi: 'Chứng chỉ bảo mật của máy chủ danh bạ (LDAP) không được tin cậy nên kết nối đã bị dừng. Danh bạ hiện có được giữ nguyên; hãy liên hệ bộ phận CNTT.',
    en: "The directory (LDAP) server's certificate is not trusted, so the connection was stopped. The current directory was kept; contact IT.",
  },
  LDAP_AUTH_FAILED: {
    vi: 'Máy chủ danh bạ (LDAP) từ chối tài khoản hoặc mật khẩu dùng để đọc danh bạ. Danh bạ hiện có được giữ nguyên; bộ phận CNTT cần kiểm tra mật khẩu đã lưu.',
    en: 'The directory (LDAP) server rejected the account or password used to read the directory. The current directory was kept; IT must check the stored password.',
  },
  LDAP_SECRET_MISSING: {
    vi: 'Chưa có mật khẩu đọc danh bạ LDAP trong kho khóa của máy. Bộ phận CNTT lưu mật khẩu bằng lệnh "tcv directory ldap-password".',
    en: 'The LDAP directory password is not in the keychain. IT stores it with "tcv directory ldap-password".',
  },
  LDAP_SEARCH_FAILED: {
    vi: 'Máy chủ danh bạ (LDAP) báo lỗi khi tìm các mục (sai base DN, bộ lọc hoặc không có quyền đọc). Danh bạ hiện có được giữ nguyên.',
    en: 'The directory (LDAP) server reported an error while searching (wrong base DN, filter or no read permission). The current directory was kept.',
  },
  LDAP_INVALID: {
    vi: 'Dữ liệu danh bạ lấy từ máy chủ LDAP có lỗi nên chưa được cập nhật; danh bạ hiện có được giữ nguyên. Xem báo cáo kiểm tra.',
    en: 'The directory data from the LDAP server has errors and was not applied; the current directory was kept. See the validation report.',
  },
  // Reader (src/engine/handlers/reader.ts, docs/reader.md).
  ATTACHMENT_BLOCKED: {
    vi: 'Tệp đính kèm loại này bị chặn vì có thể chứa mã độc (chương trình, tập lệnh, lối tắt hoặc ảnh đĩa). Nếu thật sự cần tệp, hãy liên hệ bộ phận CNTT.',
    en: 'Attachments of this type are blocked because they can carry malware (programs, scripts, shortcuts or disk images). If you really need the file, contact IT.',
  },
  ATTACHMENT_TOO_LARGE: {
    vi: 'Tệp đính kèm quá lớn để mở trong ứng dụng (tối đa 25 MB).',
    en: 'The attachment is too large to open in the application (25 MB at most).',
  },
  SETTINGS_SAVE_FAILED: {
    vi: 'Không lưu được thiết lập vào máy (ổ đĩa đầy hoặc không có quyền ghi). Thiết lập cũ vẫn được giữ nguyên.',
    en: 'The settings could not be saved on this computer (disk full or no write permission). The previous settings are kept.',
  },
  SETTING_LOCKED: {
    vi: 'Thiết lập này do bộ phận CNTT quy định cho mọi người dùng trên máy nên không thay đổi được.',
    en: 'This setting is fixed by IT for every user of this computer and cannot be changed.',
  },
  // Desktop integration (src/desktop, docs/electron.md): the renderer names files only by the app's own grants.
  FILE_NOT_GRANTED: {
    vi: 'Ứng dụng chỉ dùng tệp và thư mục bạn đã chọn trong hộp thoại của ứng dụng. Hãy chọn lại tệp.',
    en: 'The application only uses files and folders you chose in its own dialog. Choose the file again.',
  },
  FILE_DIALOG_UNAVAILABLE: {
    vi: 'Không mở được hộp thoại chọn tệp ở đây. Hãy dùng ứng dụng trên máy tính.',
    en: 'The file dialog is not available here. Use the desktop application.',
  },
  WINDOW_UNAVAILABLE: {
    vi: 'Không mở được thư trong cửa sổ mới ở đây. Hãy mở thư trong khung đọc, hoặc dùng ứng dụng trên máy tính.',
    en: 'The message cannot open in a new window here. Read it in the reading pane, or use the desktop application.',
  },
  // IT policy and account discovery (src/policy, src/accounts/discovery, docs/policy.md, docs/accounts.md).
  POLICY_INVALID: {
    vi: 'Tệp chính sách của đơn vị (do bộ phận CNTT cài đặt) bị lỗi nên chưa được áp dụng. Ứng dụng vẫn chạy bình thường; hãy báo bộ phận CNTT.',
    en: "Your organisation's policy file (installed by IT) has errors and was not applied. The application still works; tell IT.",
  },
  POLICY_UNREADABLE: {
    vi: 'Không đọc được tệp chính sách của đơn vị (do bộ phận CNTT cài đặt). Ứng dụng vẫn chạy bình thường; hãy báo bộ phận CNTT.',
    en: "Your organisation's policy file (installed by IT) could not be read. The application still works; tell IT.",
  },
  POLICY_LOCKED: {
    vi: 'Máy chủ thư của địa chỉ này do bộ phận CNTT quy định và không được thay đổi.',
    en: 'The mail servers for this address are set by IT and cannot be changed.',
  },
  AUTOCONFIG_INVALID: {
    vi: 'Tệp cấu hình tự động của nhà cung cấp thư không hợp lệ nên không được dùng.',
    en: "The mail provider's automatic configuration file is not valid and was not used.",
  },
  PLAINTEXT_REFUSED: {
    vi: 'Máy chủ chỉ đề nghị kết nối không mã hóa; ứng dụng không dùng kết nối này để bảo vệ mật khẩu.',
    en: 'The server offered only an unencrypted connection; it is not used, to protect the password.',
  },
  DISCOVERY_CANCELLED: {
    vi: 'Việc tìm cấu hình máy chủ đã bị hủy.',
    en: 'The search for server settings was cancelled.',
  },
  INTERNAL: {
    vi: 'Đã xảy ra lỗi không mong muốn. Chi tiết đã được ghi vào nhật ký.',
    en: 'An unexpected error occurred. The details were written to the log.',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

export type ErrorCode = keyof typeof errorCodes;
export type Lang = 'vi' | 'en';

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export function errorMessage(code: ErrorCode, lang: Lang = 'vi'): string {
  return errorCodes[code][lang];
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value);
}

/**
 * The engine's one error type. `detail` is for the log (server response, errno, command); it must never contain a
 * secret, and it is never shown to the user as-is.
 */
export class TcvError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;
  constructor(code: ErrorCode, detail = '', options?: { cause?: unknown }) {
    super(`${code}: ${detail || errorCodes[code].en}`, options);
    this.name = 'TcvError';
    this.code = code;
    this.detail = detail;
  }
}
