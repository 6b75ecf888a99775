/**
 * Integration tests of the Redis backplane: two Open Liberty servers running the same WAR, a real redis-server
 * between them, the official SignalR Java client on both sides.
 */
package dev.hubs.redis.it;
