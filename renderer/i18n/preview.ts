// UI text of the message list row's importance icons and preview line (docs/ui.md "Message list").
export const previewVi = {
  'list.importance.high': 'Quan trọng',
  'list.importance.low': 'Ít quan trọng',
};

export const previewEn: Record<keyof typeof previewVi, string> = {
  'list.importance.high': 'High importance',
  'list.importance.low': 'Low importance',
};
