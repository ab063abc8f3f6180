// Preload of the chat window. It runs sandboxed, so it is bundled into one CommonJS file that
// requires nothing but 'electron' (build-desktop.ts).
import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopBridge } from './bridge.js';

contextBridge.exposeInMainWorld('desktop', createDesktopBridge(ipcRenderer));
