import { useRedisServer } from '../../test/support/redis-server.js';
import { describeRedisPresence } from './redis-presence.suite.js';

const stage = useRedisServer();

describeRedisPresence('redis', () => stage.redis);
