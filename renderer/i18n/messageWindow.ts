// A message in its own window (docs/ui.md "A message in its own window"): the list's "open in new window" and the
// window's own toolbar.
export const messageWindowVi = {
  'messageWindow.open': 'Mở trong cửa sổ mới',
  'messageWindow.label': 'Thư',
  'messageWindow.toolbar': 'Cửa sổ thư',
  'messageWindow.delete': 'Xóa',
  'messageWindow.delete.hint': 'Chuyển thư vào Thùng rác và đóng cửa sổ (Delete)',
  'messageWindow.close': 'Đóng',
  'messageWindow.close.hint': 'Đóng cửa sổ này (Esc)',
  'messageWindow.title': '{subject} — Thư Công Vụ',
  'messageWindow.invalid':
    'Không rõ cần mở thư nào: địa chỉ của cửa sổ này không hợp lệ. Hãy đóng cửa sổ và mở lại thư.',
} as const;

export const messageWindowEn: Record<keyof typeof messageWindowVi, string> = {
  'messageWindow.open': 'Open in new window',
  'messageWindow.label': 'Message',
  'messageWindow.toolbar': 'Message window',
  'messageWindow.delete': 'Delete',
  'messageWindow.delete.hint': 'Move the message to Deleted Items and close the window (Delete)',
  'messageWindow.close': 'Close',
  'messageWindow.close.hint': 'Close this window (Esc)',
  'messageWindow.title': '{subject} — Thư Công Vụ',
  'messageWindow.invalid':
    'Which message to open is unclear: this window’s address is not valid. Close it and open the message again.',
};
