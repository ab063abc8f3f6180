import { app } from 'electron';

/**
 * One running app per user: a second launch (desktop icon clicked again) hands over to the
 * first, which comes to the front, instead of opening a second connection with the same
 * identity and fighting over the same storage.
 */
export function claimSingleInstance(onSecondLaunch: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', onSecondLaunch);
  return true;
}
