/**
 * The sample chat in a real browser: headless Debian Chromium driven by Selenium through the Debian chromedriver,
 * over WebSockets, Server-Sent Events and long polling (issue 4), and as an application (issue 9): people online,
 * rooms, announcements posted to its REST endpoint, reconnecting when the application restarts, and its hub's rules
 * checked with the official Java client. Screenshots of the pages go to {@code target/screenshots/}.
 */
package dev.hubs.it.browser;
