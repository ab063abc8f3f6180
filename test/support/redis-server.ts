// The unit tests of relay/store start their throwaway Redis through this path.
export { startRedisServer, type RedisServer } from '../../scripts/cluster/redis-server.mjs';
