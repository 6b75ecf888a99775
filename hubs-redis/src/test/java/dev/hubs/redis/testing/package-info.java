/**
 * A real {@code redis-server} for tests, started on a free loopback port and stopped by its process; published in the
 * test-jar of {@code hubs-redis} so that the integration tests with several servers use the same one.
 */
package dev.hubs.redis.testing;
