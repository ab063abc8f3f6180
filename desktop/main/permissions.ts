import type { Session } from 'electron';

/**
 * Web permissions the chat page may have. Notifications, badges and links go through the
 * preload bridge instead, so the page needs almost nothing: only writing plain text to the
 * clipboard (a "copy" button), which reads nothing from the user.
 */
const GRANTED = new Set(['clipboard-sanitized-write']);

export function isPermissionGranted(permission: string): boolean {
  return GRANTED.has(permission);
}

export function restrictPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionGranted(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
}
