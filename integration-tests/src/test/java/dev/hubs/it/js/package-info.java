/**
 * Tests through the official SignalR JavaScript client ({@code @microsoft/signalr}, from npm), unchanged, run by Node
 * from the Maven build: what a browser or Node application sees of a Hubs server.
 *
 * <p>Each test runs one scenario script of {@code src/test/node} with {@link dev.hubs.it.support.NodeClient} (one Node
 * process per test method, several scenarios each) and asserts on the JSON report the script prints: what each
 * connection received, the results and the error texts. The scripts take the transport as a parameter, and every
 * test runs over each transport of the JavaScript client, WebSockets, Server-Sent Events and long polling
 * ({@link dev.hubs.it.support.OverEveryTransport}, the WARs offering all three), unless it says why a transport is
 * left out.
 *
 * <p>To see every message the client sends and receives, run with {@code -Dhubs.it.node.logLevel=Trace}: the client
 * then logs to stderr, which a failing scenario quotes. A script also runs by hand against a deployed application:
 * {@code cd integration-tests/target/npm && node targets.mjs http://localhost:9180/targets-js-it/ WebSockets all}.
 */
package dev.hubs.it.js;
