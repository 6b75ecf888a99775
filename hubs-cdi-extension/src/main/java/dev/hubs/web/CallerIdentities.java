package dev.hubs.web;

import dev.hubs.cdi.CdiLog;
import dev.hubs.core.HubRuntime;
import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.security.AccessDecision;
import dev.hubs.core.security.ConnectionIdentity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as the container authenticated the request: when a connection is made (negotiate, or a WebSocket
 * that skips negotiation) and on every later request of it.
 *
 * <p>Authentication is the container's alone. A bearer token in the {@code Authorization} header is validated by
 * the server's mechanism (MicroProfile JWT on Open Liberty), which hands over the principal. A browser cannot set
 * headers on a WebSocket or an event stream, so the official JavaScript client puts the token in the
 * {@code access_token} query parameter there, which the container does not read. Hubs does not validate such a
 * token itself: it accepts it only when it is the very token the container accepted when the connection was made
 * (compared by SHA-256 digest, in constant time) and has not expired since. See {@code docs/security.md}.
 */
public final class CallerIdentities {

    /** The query parameter the JavaScript client carries its token in when it cannot set a header. */
    public static final String ACCESS_TOKEN = "access_token";

    private CallerIdentities() {
    }

    /**
     * The identity of a request that makes a connection, checked against the hub's class-level rule; a refused
     * request has been answered (401 or 403).
     *
     * @param request  the negotiate request, or a WebSocket request without a connection token
     * @param response its response
     * @param runtime  the hub
     * @return the identity, or {@code null} when the request was refused
     * @throws IOException when the refusal cannot be written
     */
    public static ConnectionIdentity establish(HttpServletRequest request, HttpServletResponse response,
                                               HubRuntime runtime) throws IOException {
        Principal principal = request.getUserPrincipal();
        if (principal == null && carriesCredentials(request)) {
            // A token the container rejected (expired, forged, of another issuer), or one in the query, which only
            // the container could have validated: never fall back to an anonymous connection.
            CdiLog.connectRefused(runtime.path(), HttpServletResponse.SC_UNAUTHORIZED, "credentials not accepted");
            unauthorized(response, "The credentials of the request were not accepted.");
            return null;
        }
        ConnectionIdentity identity = principal == null ? ConnectionIdentity.ANONYMOUS
                : new ConnectionIdentity(principal, roles(request, principal, runtime.authorization().roleNames()),
                JsonWebTokens.AVAILABLE ? JsonWebTokens.expiry(principal) : null, digest(bearerToken(request)));
        AccessDecision decision = runtime.authorization().hubRule().decide(identity);
        if (decision == AccessDecision.UNAUTHENTICATED) {
            CdiLog.connectRefused(runtime.path(), HttpServletResponse.SC_UNAUTHORIZED, "not authenticated");
            unauthorized(response, "This hub needs an authenticated user.");
            return null;
        }
        if (decision == AccessDecision.FORBIDDEN) {
            CdiLog.connectRefused(runtime.path(), HttpServletResponse.SC_FORBIDDEN, "not in a role of the hub");
            HubServlet.text(response, HttpServletResponse.SC_FORBIDDEN, "The user may not use this hub.");
            return null;
        }
        return identity;
    }

    /**
     * Checks that a later request of a connection (its WebSocket, event stream, poll, send or DELETE) comes from the
     * caller who made the connection, as SignalR does: a request with another identity gets 403, a request without
     * one on an authenticated connection 401. A refused request has been answered.
     *
     * @param request    the request
     * @param response   its response
     * @param connection the connection its token named
     * @param runtime    the hub
     * @return whether the request may go on
     * @throws IOException when the refusal cannot be written
     */
    public static boolean verify(HttpServletRequest request, HttpServletResponse response,
                                 HubConnectionContext connection, HubRuntime runtime) throws IOException {
        ConnectionIdentity owner = connection.identity();
        Principal principal = request.getUserPrincipal();
        String name;
        if (principal != null) {
            name = principal.getName();
        } else if (request.getHeader("Authorization") != null) {
            CdiLog.requestRefused(runtime.path(), connection.connectionId(), "credentials not accepted");
            unauthorized(response, "The credentials of the request were not accepted.");
            return false;
        } else if (request.getParameter(ACCESS_TOKEN) != null) {
            if (!sameToken(owner, request.getParameter(ACCESS_TOKEN))) {
                CdiLog.requestRefused(runtime.path(), connection.connectionId(), "unknown or expired access_token");
                unauthorized(response, "The access token is not the one the connection was made with, or it has "
                        + "expired.");
                return false;
            }
            name = owner.name();
        } else {
            name = null;
        }
        if (Objects.equals(name, owner.name())) {
            return true;
        }
        CdiLog.requestRefused(runtime.path(), connection.connectionId(), "another user than the connection's");
        if (name == null) {
            unauthorized(response, "The connection belongs to an authenticated user.");
        } else {
            HubServlet.text(response, HttpServletResponse.SC_FORBIDDEN, "The connection belongs to another user.");
        }
        return false;
    }

    private static boolean carriesCredentials(HttpServletRequest request) {
        return request.getHeader("Authorization") != null || request.getParameter(ACCESS_TOKEN) != null;
    }

    /**
     * The roles among those the hub names that the caller has: the container's decision
     * ({@code isUserInRole}, which needs the roles declared by the application on some servers), or, for a
     * MicroProfile JWT caller, its groups, which that specification maps to roles of the same name.
     */
    private static Set<String> roles(HttpServletRequest request, Principal principal, Set<String> named) {
        Set<String> groups = JsonWebTokens.AVAILABLE ? JsonWebTokens.groups(principal) : Set.of();
        Set<String> granted = new LinkedHashSet<>();
        for (String role : named) {
            if (groups.contains(role) || request.isUserInRole(role)) {
                granted.add(role);
            }
        }
        return granted;
    }

    private static boolean sameToken(ConnectionIdentity owner, String token) {
        if (owner.credentialDigest() == null || owner.expiredAt(Instant.now())) {
            return false;
        }
        return MessageDigest.isEqual(owner.credentialDigest().getBytes(StandardCharsets.US_ASCII),
                digest(token).getBytes(StandardCharsets.US_ASCII));
    }

    private static String bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }

    private static String digest(String token) {
        if (token == null) {
            return null;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private static void unauthorized(HttpServletResponse response, String message) throws IOException {
        if (response.getHeader("WWW-Authenticate") == null) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        HubServlet.text(response, HttpServletResponse.SC_UNAUTHORIZED, message);
    }
}
