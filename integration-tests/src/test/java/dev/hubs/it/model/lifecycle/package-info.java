/** {@code @OnConnected} and {@code @OnDisconnected}: when they run, in which order, and what they may do. */
package dev.hubs.it.model.lifecycle;
