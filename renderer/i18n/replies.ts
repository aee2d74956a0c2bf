// Reply / reply all / forward in the reading pane (issue 4 "Reader", Outlook's Ctrl+R, Ctrl+Shift+R, Ctrl+F).
export const repliesVi = {
  'reader.reply': 'Trả lời',
  'reader.reply.hint': 'Trả lời người gửi (Ctrl+R)',
  'reader.replyAll': 'Trả lời tất cả',
  'reader.replyAll.hint': 'Trả lời người gửi và mọi người nhận (Ctrl+Shift+R)',
  'reader.forward': 'Chuyển tiếp',
  'reader.forward.hint': 'Chuyển tiếp thư này kèm các tệp đính kèm (Ctrl+F)',
};

export const repliesEn: Record<keyof typeof repliesVi, string> = {
  'reader.reply': 'Reply',
  'reader.reply.hint': 'Reply to the sender (Ctrl+R)',
  'reader.replyAll': 'Reply all',
  'reader.replyAll.hint': 'Reply to the sender and every recipient (Ctrl+Shift+R)',
  'reader.forward': 'Forward',
  'reader.forward.hint': 'Forward this message with its attachments (Ctrl+F)',
};
