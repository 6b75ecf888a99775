/**
 * Identity and authorization on every transport (issue 7): real RS256 tokens from a key pair generated at test time
 * ({@link dev.hubs.it.security.TestTokens}), validated by Open Liberty's MicroProfile JWT; the official Java and
 * JavaScript clients on every transport; hostile requests (forged tokens, public ids used as tokens, other users'
 * requests on a connection, foreign origins). Fixtures: {@link dev.hubs.it.security.SecuredHub},
 * {@link dev.hubs.it.security.OpenHub}, {@link dev.hubs.it.security.ClosedHub}.
 */
package dev.hubs.it.security;
