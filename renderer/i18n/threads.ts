// UI text of the conversation view (docs/ui.md "Conversation view"). Outlook's Vietnamese calls it "Hội thoại".
export const threadsVi = {
  'threads.view': 'Hiển thị theo cuộc hội thoại',
  'threads.count': '{count} cuộc hội thoại',
  'threads.messages': '{count} thư',
  'threads.unread': '{count} thư chưa đọc',
  'threads.expand': 'Mở rộng cuộc hội thoại',
  'threads.collapse': 'Thu gọn cuộc hội thoại',
  'threads.inFolder': 'Trong: {folder}',
};

export const threadsEn: Record<keyof typeof threadsVi, string> = {
  'threads.view': 'Show as conversations',
  'threads.count': '{count} conversations',
  'threads.messages': '{count} messages',
  'threads.unread': '{count} unread',
  'threads.expand': 'Expand conversation',
  'threads.collapse': 'Collapse conversation',
  'threads.inFolder': 'In: {folder}',
};
