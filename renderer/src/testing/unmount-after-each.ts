import { enableAutoUnmount } from '@vue/test-utils';
import { afterEach } from 'vitest';

// Every component a test mounts is unmounted when the test ends, so its timers are cleared by
// its own onBeforeUnmount hooks. Left mounted, a throttle timer (the read-position reporter's)
// fired after the DOM environment was torn down: "document is not defined", one CI failure.
enableAutoUnmount(afterEach);
