/**
 * What the Redis integration tests share: the WAR both servers run, the Java client connections, and the servers'
 * logs.
 */
package dev.hubs.redis.it.support;
