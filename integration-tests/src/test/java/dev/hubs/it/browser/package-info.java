/**
 * The sample chat in a real browser: headless Debian Chromium driven by Selenium through the Debian chromedriver,
 * over WebSockets, Server-Sent Events and long polling (issue 4), with a screenshot of each page in
 * {@code target/screenshots/}.
 */
package dev.hubs.it.browser;
