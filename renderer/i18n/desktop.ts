// Desktop integration UI text (issue 4, "Desktop integration"): Vietnamese first; English must provide the same keys.
export const desktopVi = {
  'desktop.unreadable': 'Không đọc được tệp nên chưa đính kèm: {names}',
} as const;

export const desktopEn: Record<keyof typeof desktopVi, string> = {
  'desktop.unreadable': 'These files could not be read and were not attached: {names}',
};
