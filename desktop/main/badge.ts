/** What the tray title and dock badge show for a number of unread messages. */
export function badgeText(count: number): string {
  if (!Number.isFinite(count) || count < 1) return '';
  return count > 99 ? '99+' : String(Math.floor(count));
}
