package dev.hubs.it.security;

import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.RawConnection;
import dev.hubs.it.support.RawHub;
import dev.hubs.it.support.ServerLog;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an attacker tries, with raw requests on every transport: forged tokens, guessed connection tokens, another
 * connection's public id used as its token, requests of one user on another user's connection (long polling, sends,
 * DELETE, the event stream, the WebSocket), tokens in the query that are not the connection's, foreign origins on
 * negotiate and on the WebSocket upgrade (cross-site WebSocket hijacking). Each is refused, the attacker reads
 * nothing of the victim's, the victim's connection goes on, and no secret reaches the server's log.
 */
@ExtendWith(ArquillianExtension.class)
class HostileRequestsIT {

    private static final String RS = RawConnection.RS + "";
    private static final String EVIL = "http://evil.hubs.test";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestTokens.configure(Deployments.fallbackWar(HostileRequestsIT.class, SecuredHub.class, OpenHub.class),
                OpenHub.CONFIG, "hubs.SecuredHub.poll-timeout=5s");
    }

    @ArquillianResource
    URL base;

    private final String alice = TestTokens.token("alice", "chat");
    private final String bob = TestTokens.token("bob", "chat");
    private final List<String> secrets = new ArrayList<>();
    private Requests secured;
    private Requests open;
    private ServerLog log;

    @BeforeEach
    void prepare() {
        secured = new Requests(base, "secured");
        open = new Requests(base, "open");
        log = ServerLog.fromNow();
        secrets.add(alice);
        secrets.add(bob);
    }

    /** A connection of alice, negotiated: its public id and its secret token. */
    private record Negotiated(String id, String token) {
    }

    private Negotiated negotiate(String bearer) {
        HttpResponse<String> response = secured.negotiate(bearer, null);
        assertEquals(200, response.statusCode(), response.body());
        JsonObject body = RawHub.parse(response.body());
        Negotiated negotiated = new Negotiated(body.getString("connectionId"), body.getString("connectionToken"));
        secrets.add(negotiated.token());
        return negotiated;
    }

    /** Negotiates as alice and completes the handshake over long polling. */
    private Negotiated aliceLongPolling() {
        Negotiated connection = negotiate(alice);
        assertEquals(200, secured.poll(connection.token(), alice).statusCode(), "the first poll starts the transport");
        assertEquals(200, secured.post(connection.token(), alice, RawHub.JSON_HANDSHAKE).statusCode());
        assertEquals("{}" + RS, secured.poll(connection.token(), alice).body());
        return connection;
    }

    private static String invocation(String id, String target, String argument) {
        return "{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":[\""
                + argument + "\"]}" + RS;
    }

    /** Polls as alice until the completion of an invocation arrives; returns everything received. */
    private String pollUntilCompletion(Negotiated connection, String invocationId) {
        StringBuilder received = new StringBuilder();
        for (int i = 0; i < 5 && !received.toString().contains("\"invocationId\":\"" + invocationId + "\""); i++) {
            HttpResponse<String> poll = secured.poll(connection.token(), alice);
            assertEquals(200, poll.statusCode(), poll.body());
            received.append(poll.body());
        }
        return received.toString();
    }

    /** Nothing secret in the log, and the refusals were logged (so the check is not vacuous). */
    private void assertSecretsNotLogged(String expectedId) {
        String text = log.awaitContains(expectedId);
        for (String secret : secrets) {
            assertFalse(text.contains(secret), "a secret reached messages.log: " + text);
        }
    }

    @Test
    void anotherUserCannotReadSendOrCloseOnALongPollingConnection() {
        Negotiated connection = aliceLongPolling();
        assertEquals(200, secured.post(connection.token(), alice, invocation("1", "sendCaller", "for alice only"))
                .statusCode());

        HttpResponse<String> bobsPoll = secured.poll(connection.token(), bob);
        HttpResponse<String> bobsPost = secured.post(connection.token(), bob,
                invocation("2", "sendCaller", "from bob"));
        HttpResponse<String> bobsDelete = secured.delete(connection.token(), bob);
        HttpResponse<String> anonymousPoll = secured.poll(connection.token(), null);
        HttpResponse<String> garbagePoll = secured.poll(connection.token(), "not.a.token");
        HttpResponse<String> expiredPoll = secured.poll(connection.token(), TestTokens.expiredToken("alice", "chat"));
        assertAll(
                () -> assertEquals(403, bobsPoll.statusCode(), bobsPoll.body()),
                () -> assertFalse(bobsPoll.body().contains("alice only"), bobsPoll.body()),
                () -> assertEquals(403, bobsPost.statusCode(), bobsPost.body()),
                () -> assertEquals(403, bobsDelete.statusCode(), bobsDelete.body()),
                () -> assertEquals(401, anonymousPoll.statusCode(), anonymousPoll.body()),
                () -> assertEquals(401, garbagePoll.statusCode(), garbagePoll.body()),
                () -> assertEquals(401, expiredPoll.statusCode(), expiredPoll.body()));

        String received = pollUntilCompletion(connection, "1");
        assertTrue(received.contains("\"target\":\"receive\",\"arguments\":[\"for alice only\"]"), received);
        // bob's invocation never ran: alice's next message is her own marker, and the connection is still open.
        assertEquals(200, secured.post(connection.token(), alice, invocation("3", "sendCaller", "marker"))
                .statusCode());
        String after = pollUntilCompletion(connection, "3");
        assertTrue(after.contains("[\"marker\"]"), after);
        assertFalse((received + after).contains("from bob"), received + after);
        assertEquals(202, secured.delete(connection.token(), alice).statusCode(), "alice may close her connection");
        assertSecretsNotLogged(connection.id());
    }

    @Test
    void anotherUsersEventStreamIsRefused() {
        Negotiated connection = negotiate(alice);
        HttpResponse<InputStream> bobs = secured.eventStream(connection.token(), bob, null);
        HttpResponse<InputStream> bobsInQuery = secured.eventStream(connection.token(), null, bob);
        HttpResponse<InputStream> anonymous = secured.eventStream(connection.token(), null, null);
        HttpResponse<InputStream> alicesInQuery = secured.eventStream(connection.token(), null, alice);
        assertAll(
                () -> assertEquals(403, bobs.statusCode()),
                () -> assertEquals(401, bobsInQuery.statusCode(), "a token in the query that is not the connection's"),
                () -> assertEquals(401, anonymous.statusCode()),
                () -> assertEquals(200, alicesInQuery.statusCode(),
                        "the token the connection was made with, in the query, as browsers send it"),
                () -> assertTrue(alicesInQuery.headers().firstValue("Content-Type").orElse("")
                        .startsWith("text/event-stream")));
        assertSecretsNotLogged(connection.id());
    }

    @Test
    void aWebSocketMustCarryTheConnectionsIdentity() throws Exception {
        Negotiated connection = negotiate(alice);
        String id = Requests.query(connection.token(), null);
        Requests.Upgrade bobs = secured.webSocket(id, bob, null);
        Requests.Upgrade bobsInQuery = secured.webSocket(Requests.query(connection.token(), bob), null, null);
        Requests.Upgrade anonymous = secured.webSocket(id, null, null);
        assertAll(
                () -> assertEquals(403, bobs.status()),
                () -> assertEquals(401, bobsInQuery.status()),
                () -> assertEquals(401, anonymous.status()));
        // As a browser connects: no header, the token in access_token.
        Requests.Upgrade browser = secured.webSocket(Requests.query(connection.token(), alice), null,
                secured.ownOrigin());
        assertTrue(browser.opened(), "status " + browser.status());
        try (RawConnection socket = browser.connection()) {
            socket.send(RawHub.JSON_HANDSHAKE);
            assertEquals("{}", socket.nextRecord());
            socket.send("{\"type\":1,\"invocationId\":\"1\",\"target\":\"whoAmI\",\"arguments\":[]}" + RS);
            assertEquals("alice/alice/jwt", socket.nextMessage().getString("result"));
        }
        assertSecretsNotLogged(connection.id());
    }

    @Test
    void aPublicIdOrAGuessIsNoConnectionToken() {
        Negotiated connection = negotiate(alice);
        String publicId = connection.id();
        String guess = "AAAAAAAAAAAAAAAAAAAAAA";
        assertAll(
                () -> assertEquals(404, secured.poll(publicId, alice).statusCode()),
                () -> assertEquals(404, secured.post(publicId, alice, RawHub.JSON_HANDSHAKE).statusCode()),
                () -> assertEquals(404, secured.delete(publicId, alice).statusCode()),
                () -> assertEquals(404, secured.eventStream(publicId, alice, null).statusCode()),
                () -> assertEquals(404, secured.webSocket(Requests.query(publicId, null), alice, null).status()),
                () -> assertEquals(404, secured.poll(guess, alice).statusCode()),
                () -> assertEquals(404, secured.webSocket(Requests.query(guess, null), alice, null).status()));
        // The connection itself is untouched: its owner opens it with the real token.
        Requests.Upgrade owner = secured.webSocket(Requests.query(connection.token(), null), alice, null);
        assertTrue(owner.opened(), "status " + owner.status());
        try (RawConnection socket = owner.connection()) {
            socket.send(RawHub.JSON_HANDSHAKE);
            assertEquals("{}", socket.nextRecord());
        }
    }

    @Test
    void aForgedTokenGetsNothing() {
        String forged = TestTokens.forgedToken("alice", "chat", "admin");
        HttpResponse<String> negotiation = secured.negotiate(forged, null);
        assertEquals(401, negotiation.statusCode());
        assertFalse(negotiation.body().contains("connectionToken"), negotiation.body());
        assertTrue(negotiation.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(401, secured.webSocket("", forged, null).status(), "skipping negotiation");
        assertEquals(401, open.negotiate(forged, null).statusCode(),
                "a rejected token is refused even where anonymous callers are welcome");
        assertEquals(200, open.negotiate(null, null).statusCode());
    }

    @Test
    void foreignOriginsAreRefusedEverywhere() {
        Requests.Upgrade hijack = open.webSocket("", null, EVIL);
        Requests.Upgrade hijackWithToken = secured.webSocket("", alice, EVIL);
        HttpResponse<String> negotiation = open.negotiate(null, EVIL);
        HttpResponse<String> preflight = open.preflight(EVIL);
        Negotiated connection = negotiate(alice);
        HttpResponse<String> poll = secured.pollFrom(connection.token(), EVIL);
        assertAll(
                () -> assertEquals(403, hijack.status(), "cross-site WebSocket hijacking"),
                () -> assertEquals(403, hijackWithToken.status()),
                () -> assertEquals(403, negotiation.statusCode()),
                () -> assertTrue(negotiation.headers().firstValue("Access-Control-Allow-Origin").isEmpty()),
                () -> assertEquals(403, preflight.statusCode()),
                () -> assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty()),
                () -> assertEquals(403, poll.statusCode(), "the fallbacks check the origin too"),
                () -> assertEquals(403, secured.negotiate(alice, OpenHub.ALLOWED_ORIGIN).statusCode(),
                        "allowed-origins is per hub"));
        assertTrue(log.awaitContains("HUBS2006I").contains(EVIL));
    }

    @Test
    void ownAndAllowedOriginsAreServedWithCors() {
        HttpResponse<String> own = open.negotiate(null, open.ownOrigin());
        HttpResponse<String> allowed = open.negotiate(null, OpenHub.ALLOWED_ORIGIN);
        HttpResponse<String> preflight = open.preflight(OpenHub.ALLOWED_ORIGIN);
        Requests.Upgrade ownSocket = open.webSocket("", null, open.ownOrigin());
        Requests.Upgrade allowedSocket = open.webSocket("", null, OpenHub.ALLOWED_ORIGIN);
        try {
            assertAll(
                    () -> assertEquals(200, own.statusCode()),
                    () -> assertNull(own.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
                            "same origin: no CORS needed"),
                    () -> assertEquals(200, allowed.statusCode()),
                    () -> assertEquals(OpenHub.ALLOWED_ORIGIN,
                            allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null)),
                    () -> assertEquals("true",
                            allowed.headers().firstValue("Access-Control-Allow-Credentials").orElse(null)),
                    () -> assertEquals(204, preflight.statusCode()),
                    () -> assertEquals(OpenHub.ALLOWED_ORIGIN,
                            preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null)),
                    () -> assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")
                            .contains("POST")),
                    () -> assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("")
                            .contains("authorization")),
                    () -> assertTrue(ownSocket.opened(), "status " + ownSocket.status()),
                    () -> assertTrue(allowedSocket.opened(), "status " + allowedSocket.status()));
        } finally {
            if (ownSocket.opened()) {
                ownSocket.connection().close();
            }
            if (allowedSocket.opened()) {
                allowedSocket.connection().close();
            }
        }
    }
}
