// One implementation for the tests and `npm run cluster` (which must run without a build step).
export { freePort } from '../../scripts/cluster/free-port.mjs';
