import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { stringsFor } from '../locale/strings.js';
import { buildAppMenuTemplate } from './menu.js';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function template(platform: NodeJS.Platform, withDevTools = false) {
  const openSettings = vi.fn();
  const quit = vi.fn();
  const items = flatten(buildAppMenuTemplate({ strings: stringsFor('en'), platform, openSettings, quit, withDevTools }));
  return { items, openSettings, quit };
}

describe('buildAppMenuTemplate', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    it(`offers Settings… (Ctrl/Cmd+,) and Quit on ${platform}`, () => {
      const { items, openSettings, quit } = template(platform);
      const settings = items.find((item) => item.label === 'Settings…');
      expect(settings?.accelerator).toBe('CmdOrCtrl+,');
      (settings?.click as () => void)();
      expect(openSettings).toHaveBeenCalledOnce();
      (items.find((item) => item.label === 'Quit')?.click as () => void)();
      expect(quit).toHaveBeenCalledOnce();
    });
  }

  it('uses the app menu on macOS and a File menu elsewhere', () => {
    expect(template('darwin').items[0]?.label).toBe('Relay Chat');
    expect(template('linux').items[0]?.label).toBe('File');
  });

  it('keeps copy and paste (macOS needs the Edit menu for the shortcuts)', () => {
    const roles = template('darwin').items.map((item) => item.role);
    expect(roles).toEqual(expect.arrayContaining(['copy', 'paste', 'cut', 'selectAll']));
  });

  it('shows developer tools only when asked to', () => {
    expect(template('linux').items.some((item) => item.role === 'toggleDevTools')).toBe(false);
    expect(template('linux', true).items.some((item) => item.role === 'toggleDevTools')).toBe(true);
  });
});
