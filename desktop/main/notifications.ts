import { Notification, type NativeImage } from 'electron';
import type { DesktopNotification } from '../../shared/desktop-bridge.js';

export interface NotifierOptions {
  icon: NativeImage;
  /** The user clicked the notification about `room`. */
  onClick(room: string): void;
}

/**
 * Native notifications. Each one is kept referenced until it is closed or clicked: a
 * Notification that only a closure refers to can be garbage-collected while still on screen,
 * and its click would then be lost.
 */
export function createNotifier({ icon, onClick }: NotifierOptions): (notification: DesktopNotification) => void {
  const live = new Set<Notification>();
  return ({ title, body, room }) => {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title, body, icon, silent: false });
    live.add(notification);
    notification.on('click', () => {
      live.delete(notification);
      onClick(room);
    });
    notification.on('close', () => live.delete(notification));
    notification.show();
  };
}
