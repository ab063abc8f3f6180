// Preload of the settings window. It exposes nothing to the page: the page runs no script,
// and this preload (isolated world, same DOM) fills in and submits the form itself.
import { ipcRenderer } from 'electron';
import type { DesktopSettings } from '../shared/desktop-bridge.js';
import { IPC_CHANNELS } from './ipc-channels.js';
import { stringsFor } from './locale/strings.js';
import type { SaveSettingsResult } from './main/settings.js';
import { wireSettingsForm } from './settings-form.js';

window.addEventListener('DOMContentLoaded', () => {
  void wireSettingsForm(
    document,
    {
      load: () => ipcRenderer.invoke(IPC_CHANNELS.getSettings) as Promise<DesktopSettings>,
      save: (relayUrl) => ipcRenderer.invoke(IPC_CHANNELS.saveSettings, { relayUrl }) as Promise<SaveSettingsResult>,
      close: () => window.close(),
    },
    stringsFor(navigator.language),
  );
});
