/**
 * The sample chat: {@link dev.hubs.sample.ChatHub} at {@code /chathub}, served with the page in
 * {@code src/main/webapp} that uses the official SignalR browser client.
 */
package dev.hubs.sample;
