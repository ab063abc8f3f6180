/// <reference types="vite/client" />
import type { DesktopBridge } from '../../shared/desktop-bridge.js';

declare global {
  interface Window {
    /** Present only inside the Electron shell (see desktop/preload). */
    desktop?: DesktopBridge;
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
