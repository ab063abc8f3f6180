/**
 * Where to scroll a list of fixed-height rows after its rows changed under the reader (a large
 * room's online list read again: people before the viewport left or came), so the rows they were
 * looking at stay where they were instead of jumping by the rows gained or lost above them.
 *
 * The anchor is the top visible row; if that person left, the next one below who is still listed
 * keeps their place on screen. At the very top the list stays at the top, so newcomers who sort
 * first show rather than hide above the viewport.
 */
export function anchoredScrollTop(before: readonly { id: string }[], after: readonly { id: string }[], scrollTop: number, rowHeight: number): number {
  if (scrollTop <= 0 || before === after) return scrollTop;
  const topRow = Math.floor(scrollTop / rowHeight);
  const offset = scrollTop - topRow * rowHeight;
  const index = new Map(after.map((row, i) => [row.id, i]));
  for (let row = topRow; row < before.length; row++) {
    const now = index.get(before[row]!.id);
    // Row `row` was (row - topRow) rows below the top: keep it that far below.
    if (now !== undefined) return Math.max(0, (now - (row - topRow)) * rowHeight + offset);
  }
  return scrollTop;
}
