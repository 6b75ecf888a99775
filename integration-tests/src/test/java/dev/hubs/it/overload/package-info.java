/**
 * Overload: {@code maximum-connections} refusing new connections with 503, and the slow-consumer policy with many
 * receivers of which some stop reading.
 */
package dev.hubs.it.overload;
