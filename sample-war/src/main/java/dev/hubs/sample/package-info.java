/**
 * The sample chat: {@link dev.hubs.sample.ChatHub} at {@code /chathub} with its typed client
 * {@link dev.hubs.sample.ChatClient}, who is online in {@link dev.hubs.sample.ChatRoster}, the input rules in
 * {@link dev.hubs.sample.ChatRules}, and announcements from outside the hub through
 * {@link dev.hubs.sample.AnnouncementResource}; the page in {@code src/main/webapp} uses the official SignalR browser
 * client.
 */
package dev.hubs.sample;
