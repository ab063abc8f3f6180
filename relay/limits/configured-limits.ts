import type { RelayConfig } from '../config.js';
import type { RelayMetrics } from '../metrics.js';

/** A frame larger than this may be refused by closing that connection (contract: 64 KiB). */
export const MAX_FRAME_BYTES = 64 * 1024;

/** Publishes the limits this replica enforces, so dashboards can draw them next to the traffic. */
export function reportConfiguredLimits(metrics: RelayMetrics, config: RelayConfig): void {
  for (const [limit, value] of Object.entries({
    message_rate_per_sec: config.messageRatePerSec,
    message_burst: config.messageBurst,
    join_rate_per_sec: config.joinRatePerSec,
    renames_per_minute: config.renamesPerMinute,
    http_reads_per_sec: config.httpReadsPerSec,
    presence_notice_max: config.presenceNoticeMax,
    rooms: config.maxRooms,
    rooms_per_connection: config.maxRoomsPerConnection,
    connections_per_ip: config.maxConnectionsPerIp,
    connect_rate_per_sec: config.maxConnectRate,
    frame_bytes: MAX_FRAME_BYTES,
    answer_bytes: config.maxAnswerBytes,
    connection_buffer_bytes: config.maxConnectionBufferBytes,
  })) metrics.configuredLimit.set({ limit }, value);
}
