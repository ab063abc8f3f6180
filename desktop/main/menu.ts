import type { MenuItemConstructorOptions } from 'electron';
import type { DesktopStrings } from '../locale/strings.js';

export interface MenuOptions {
  strings: DesktopStrings;
  platform: NodeJS.Platform;
  openSettings(): void;
  quit(): void;
  /** Developer tools in the View menu: for unpackaged runs only. */
  withDevTools: boolean;
}

/** The application menu: Settings… lives where each platform puts preferences. */
export function buildAppMenuTemplate({ strings, platform, openSettings, quit, withDevTools }: MenuOptions): MenuItemConstructorOptions[] {
  const settings: MenuItemConstructorOptions = { label: strings.menu.settings, accelerator: 'CmdOrCtrl+,', click: openSettings };
  const quitItem: MenuItemConstructorOptions = { label: strings.menu.quit, accelerator: 'CmdOrCtrl+Q', click: quit };
  const firstMenu: MenuItemConstructorOptions =
    platform === 'darwin'
      ? {
          label: strings.appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            settings,
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            quitItem,
          ],
        }
      : { label: strings.menu.file, submenu: [settings, { type: 'separator' }, quitItem] };

  return [
    firstMenu,
    {
      label: strings.menu.edit,
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: strings.menu.view,
      submenu: [
        { role: 'reload' },
        ...(withDevTools ? [{ role: 'toggleDevTools' } as const] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: strings.menu.window, submenu: [{ role: 'minimize' }, { role: 'close' }] },
  ];
}
