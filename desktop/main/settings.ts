import { z } from 'zod';
import type { DesktopSettings } from '../../shared/desktop-bridge.js';
import { readJsonFile, writeJsonFileAtomic } from './json-file.js';
import { checkRelayUrl, relayUrlError, type RelayUrlErrorCode } from './relay-url.js';

/** settings.json in the user data folder, and what arrives from the settings page. */
export const settingsSchema = z.object({
  relayUrl: z.string().transform((raw, ctx) => {
    const checked = checkRelayUrl(raw);
    if (checked.ok) return checked.value;
    ctx.addIssue({ code: 'custom', message: checked.message, params: { code: checked.code } });
    return z.NEVER;
  }),
});

export type SaveSettingsResult =
  | { ok: true; settings: DesktopSettings }
  | { ok: false; error: { code: RelayUrlErrorCode; message: string } };

export function parseSettings(input: unknown): SaveSettingsResult {
  const parsed = settingsSchema.safeParse(input);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const issue = parsed.error.issues[0];
  // Only the relay URL rule raises custom issues; anything else means the shape was wrong.
  const code = issue?.code === 'custom' ? (issue.params as { code?: RelayUrlErrorCode } | undefined)?.code : undefined;
  return { ok: false, error: relayUrlError(code ?? 'invalid_url') };
}

export interface SettingsStore {
  current(): DesktopSettings;
  /** Validates and writes; the current settings change only when the file was written. */
  save(input: unknown): Promise<SaveSettingsResult>;
}

export interface SettingsStoreOptions {
  file: string;
  defaults: DesktopSettings;
  warn(message: string): void;
}

/**
 * A missing or unusable settings file must not stop the app from starting: the defaults are
 * used (and the user told in the log), and the file is only rewritten when the user saves.
 */
export async function openSettingsStore({ file, defaults, warn }: SettingsStoreOptions): Promise<SettingsStore> {
  let current = defaults;
  try {
    const stored = await readJsonFile(file);
    if (stored !== undefined) {
      const parsed = parseSettings(stored);
      if (parsed.ok) current = parsed.settings;
      else warn(`Ignoring ${file}: ${parsed.error.message} Using ${defaults.relayUrl}.`);
    }
  } catch (error) {
    warn(`Ignoring unreadable ${file} (${(error as Error).message}); using ${defaults.relayUrl}.`);
  }

  return {
    current: () => current,
    async save(input) {
      const parsed = parseSettings(input);
      if (!parsed.ok) return parsed;
      await writeJsonFileAtomic(file, parsed.settings);
      current = parsed.settings;
      return parsed;
    },
  };
}
