// Sending progress (docs/compose.md "Sending progress"): the compose pane's send button and the status bar's outbox
// item while SMTP DATA streams. {progress} is formatSizeProgress's "3,1 / 7,2 MB".
export const sendingVi = {
  'sending.progress': 'Đang gửi {progress}',
  'sending.progress.label': 'Tiến độ gửi thư',
} as const;

export const sendingEn: Record<keyof typeof sendingVi, string> = {
  'sending.progress': 'Sending {progress}',
  'sending.progress.label': 'Sending progress',
};
