import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { DesktopBridge } from '../shared/desktop-bridge.js';
import { IPC_CHANNELS } from './ipc-channels.js';

/** The bridge's function names, for the tests that check nothing more and nothing less is exposed. */
export const BRIDGE_FUNCTIONS = ['getSettings', 'notify', 'setUnreadCount', 'onOpenRoom'] as const satisfies readonly (keyof DesktopBridge)[];

// Fails to compile when DesktopBridge gains a function that is not listed above.
type Unlisted = Exclude<keyof DesktopBridge, (typeof BRIDGE_FUNCTIONS)[number]>;
export const bridgeListIsComplete: [Unlisted] extends [never] ? true : never = true;

export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'send' | 'on' | 'removeListener'>;

/**
 * `window.desktop`: one function per capability, each bound to its own channel. The page never
 * gets ipcRenderer, an event object or a way to name a channel, and only plain values
 * (copied by the context bridge) cross in either direction.
 */
export function createDesktopBridge(ipc: BridgeIpc): DesktopBridge {
  return {
    getSettings: () => ipc.invoke(IPC_CHANNELS.getSettings),
    notify: ({ title, body, room }) => ipc.send(IPC_CHANNELS.notify, { title, body, room }),
    setUnreadCount: (count) => ipc.send(IPC_CHANNELS.setUnreadCount, count),
    onOpenRoom: (listener) => {
      const forward = (_event: IpcRendererEvent, room: unknown) => {
        if (typeof room === 'string') listener(room);
      };
      ipc.on(IPC_CHANNELS.openRoom, forward);
      return () => {
        ipc.removeListener(IPC_CHANNELS.openRoom, forward);
      };
    },
  };
}
