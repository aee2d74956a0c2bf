// Puts the focus back on a folder row once the pane has re-rendered it (after a reload of the folder list), trying for
// up to 60 frames: the row of a new or renamed folder exists only after folders.list has answered.
export function focusRow(accountId: string, path: string, frames = 60): void {
  const row = [...document.querySelectorAll<HTMLElement>('[data-folder]')].find(
    (el) => el.dataset.folder === path && el.dataset.account === accountId,
  );
  if (row) row.focus();
  else if (frames > 0) requestAnimationFrame(() => focusRow(accountId, path, frames - 1));
}
