// Compose UI text (issue 4, "Compose"): Vietnamese first; English must provide exactly the same keys.
export const composeVi = {
  'compose.loading': 'Đang mở thư nháp…',
  'compose.saved': 'Đã lưu nháp',
  'compose.saveFailed': 'Chưa lưu được nháp',
  'compose.close': 'Đóng',
  'compose.close.hint': 'Đóng cửa sổ soạn thư (thư nháp được giữ lại)',
  'compose.attachments': 'Tệp đính kèm',
  'compose.attachment.remove': 'Bỏ tệp đính kèm {name}',
} as const;

export const composeEn: Record<keyof typeof composeVi, string> = {
  'compose.loading': 'Opening the draft…',
  'compose.saved': 'Draft saved',
  'compose.saveFailed': 'The draft is not saved yet',
  'compose.close': 'Close',
  'compose.close.hint': 'Close the message (the draft is kept)',
  'compose.attachments': 'Attachments',
  'compose.attachment.remove': 'Remove attachment {name}',
};
