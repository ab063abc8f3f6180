import { autoUpdater } from 'electron-updater';

const CHECK_EVERY_MS = 6 * 60 * 60 * 1000;

export interface UpdaterLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Checks the publish target of electron-builder.yml (written into the package as
 * app-update.yml) at start and every six hours, downloads in the background and lets the OS
 * notification offer the restart. Unpackaged runs have no app-update.yml, so they never check.
 * A failed check (offline, server down) is logged and retried at the next interval.
 */
export function startAutoUpdates({ isPackaged, log }: { isPackaged: boolean; log: UpdaterLog }): () => void {
  if (!isPackaged) return () => {};
  autoUpdater.logger = log;
  const check = () => {
    autoUpdater.checkForUpdatesAndNotify().catch((error: unknown) => {
      log.warn(`Update check failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  check();
  // unref: a pending check must never be what keeps the process alive at quit.
  const timer = setInterval(check, CHECK_EVERY_MS).unref();
  return () => clearInterval(timer);
}
