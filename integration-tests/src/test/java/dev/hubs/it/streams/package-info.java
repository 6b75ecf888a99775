/**
 * Issue 6, streams both ways and client results, proven with the official clients over every transport they support
 * ({@code StreamsJsIT}, {@code ClientResultsJsIT}, {@code JavaClientStreamsIT}), on the wire ({@code StreamWireIT})
 * and against a client that stops reading ({@code SlowStreamIT}). The fixtures are in
 * {@link dev.hubs.it.fixtures.streams}.
 */
package dev.hubs.it.streams;
