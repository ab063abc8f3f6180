import type { RelayUrlErrorCode } from '../main/relay-url-error-code.js';

/** Everything the shell itself says (menus, tray, settings window); the chat UI has its own i18n. */
export interface DesktopStrings {
  lang: 'en' | 'de';
  appName: string;
  menu: {
    file: string;
    settings: string;
    quit: string;
    edit: string;
    view: string;
    window: string;
  };
  tray: {
    show: string;
    settings: string;
    quit: string;
    tooltip(unread: number): string;
  };
  settings: {
    title: string;
    relayUrlLabel: string;
    relayUrlHint: string;
    save: string;
    cancel: string;
    saveFailed: string;
    errors: Record<RelayUrlErrorCode, string>;
  };
}

const APP_NAME = 'Relay Chat';

const en: DesktopStrings = {
  lang: 'en',
  appName: APP_NAME,
  menu: { file: 'File', settings: 'Settings…', quit: 'Quit', edit: 'Edit', view: 'View', window: 'Window' },
  tray: {
    show: `Show ${APP_NAME}`,
    settings: 'Settings…',
    quit: 'Quit',
    tooltip: (unread) => (unread > 0 ? `${APP_NAME} – ${unread} unread` : APP_NAME),
  },
  settings: {
    title: 'Settings',
    relayUrlLabel: 'Relay address',
    relayUrlHint: 'For example https://chat.example.com, or http://localhost:3000 for a relay on this computer.',
    save: 'Save',
    cancel: 'Cancel',
    saveFailed: 'The settings could not be saved. Please try again.',
    errors: {
      invalid_url: 'Enter the relay address as a full URL, e.g. https://chat.example.com.',
      unsupported_protocol: 'The address must start with https:// (or http:// for this computer).',
      insecure_remote: 'Use https:// for a relay on another computer; http:// only works for this computer.',
      not_an_origin: 'Enter only scheme, host and port, without a path, query or user name.',
    },
  },
};

const de: DesktopStrings = {
  lang: 'de',
  appName: APP_NAME,
  menu: { file: 'Datei', settings: 'Einstellungen…', quit: 'Beenden', edit: 'Bearbeiten', view: 'Ansicht', window: 'Fenster' },
  tray: {
    show: `${APP_NAME} anzeigen`,
    settings: 'Einstellungen…',
    quit: 'Beenden',
    tooltip: (unread) => (unread > 0 ? `${APP_NAME} – ${unread} ungelesen` : APP_NAME),
  },
  settings: {
    title: 'Einstellungen',
    relayUrlLabel: 'Relay-Adresse',
    relayUrlHint: 'Zum Beispiel https://chat.example.com, oder http://localhost:3000 für ein Relay auf diesem Computer.',
    save: 'Speichern',
    cancel: 'Abbrechen',
    saveFailed: 'Die Einstellungen konnten nicht gespeichert werden. Bitte erneut versuchen.',
    errors: {
      invalid_url: 'Bitte die vollständige Adresse angeben, z. B. https://chat.example.com.',
      unsupported_protocol: 'Die Adresse muss mit https:// beginnen (http:// nur für diesen Computer).',
      insecure_remote: 'Für ein Relay auf einem anderen Computer https:// verwenden; http:// geht nur für diesen Computer.',
      not_an_origin: 'Nur Schema, Host und Port angeben, ohne Pfad, Parameter oder Benutzernamen.',
    },
  },
};

/** German for any German locale ("de", "de-CH"), English otherwise, as the chat UI does. */
export function stringsFor(locale: string): DesktopStrings {
  return locale.toLowerCase().startsWith('de') ? de : en;
}
