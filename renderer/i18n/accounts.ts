// Add-account discovery and the IT policy in the form (issue 4 "First run"; docs/accounts.md, docs/policy.md).
// Vietnamese first; English must provide the same keys.
export const accountsVi = {
  'account.discovery.searching': 'Đang tìm cấu hình máy chủ…',
  'account.discovery.source.policy': 'Theo chính sách của đơn vị ({origin})',
  'account.discovery.source.autoconfig': 'Theo cấu hình của nhà cung cấp ({origin})',
  'account.discovery.source.provider': 'Theo thông tin công bố của nhà cung cấp ({origin})',
  'account.discovery.source.srv': 'Theo bản ghi DNS của tên miền ({origin})',
  'account.discovery.source.guess': 'Đã dò được máy chủ có chứng chỉ hợp lệ ({origin})',
  'account.discovery.confirm': 'Hãy kiểm tra lại thông tin máy chủ trước khi thêm tài khoản.',
  'account.discovery.locked':
    'Máy chủ do bộ phận CNTT của đơn vị quy định nên không thay đổi được. Nếu cần khác, hãy liên hệ bộ phận CNTT.',
  'account.discovery.none':
    'Không tìm được cấu hình máy chủ cho địa chỉ này. Hãy nhập thông tin do bộ phận CNTT cung cấp.',
  'account.discovery.kept': 'Đã tìm được cấu hình nhưng giữ nguyên máy chủ bạn đã nhập.',
  'account.form.username': 'Tên đăng nhập',
  'account.form.passwordFromIt': 'Mật khẩu này do bộ phận CNTT cấp (chưa đổi lần nào)',
  'account.reminder.title': 'Hãy đổi mật khẩu',
  'account.reminder.body':
    'Tài khoản {email} đã được thêm. Theo Điều 9 khoản 3 Quy chế sử dụng thư điện tử, khi tiếp nhận hộp thư bạn nên đổi mật khẩu do bộ phận CNTT cấp để bảo đảm an toàn thông tin.',
  'account.reminder.link': 'Đổi mật khẩu tại trang của đơn vị',
  'account.reminder.noLink': 'Hãy hỏi bộ phận CNTT cách đổi mật khẩu.',
  'account.reminder.continue': 'Tiếp tục',
  'account.policy.invalid': 'Chính sách của đơn vị',
} as const;

export const accountsEn: Record<keyof typeof accountsVi, string> = {
  'account.discovery.searching': 'Looking up the server settings…',
  'account.discovery.source.policy': "From your organisation's policy ({origin})",
  'account.discovery.source.autoconfig': "From the provider's configuration ({origin})",
  'account.discovery.source.provider': "From the provider's published settings ({origin})",
  'account.discovery.source.srv': "From the domain's DNS records ({origin})",
  'account.discovery.source.guess': 'Found servers with a valid certificate ({origin})',
  'account.discovery.confirm': 'Check the server settings before adding the account.',
  'account.discovery.locked':
    'The servers are set by your IT department and cannot be changed. Contact IT if you need different ones.',
  'account.discovery.none':
    'No server settings were found for this address. Enter the details from your IT department.',
  'account.discovery.kept': 'Settings were found, but the servers you typed are kept.',
  'account.form.username': 'User name',
  'account.form.passwordFromIt': 'This password was issued by IT (never changed)',
  'account.reminder.title': 'Change your password',
  'account.reminder.body':
    'The account {email} was added. Under Article 9.3 of the e-mail regulation, you should change the password issued by IT when you receive the mailbox, to keep it secure.',
  'account.reminder.link': "Change the password on your organisation's page",
  'account.reminder.noLink': 'Ask your IT department how to change the password.',
  'account.reminder.continue': 'Continue',
  'account.policy.invalid': "Organisation's policy",
};
