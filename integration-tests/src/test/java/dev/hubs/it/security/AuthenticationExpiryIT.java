package dev.hubs.it.security;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubConnectionState;
import com.microsoft.signalr.TransportEnum;
import dev.hubs.it.support.Await;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.JavaClients;
import io.reactivex.rxjava3.core.Single;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code close-on-authentication-expiration} (SignalR's {@code CloseOnAuthenticationExpiration}): a connection made
 * with a token that expires a few seconds later is closed by the server when it does, on WebSockets and on long
 * polling alike, while a connection with a token valid for an hour goes on.
 */
@ExtendWith(ArquillianExtension.class)
class AuthenticationExpiryIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestTokens.configure(Deployments.fallbackWar(AuthenticationExpiryIT.class, SecuredHub.class),
                "hubs.SecuredHub.close-on-authentication-expiration=true");
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();

    @AfterEach
    void stopClients() {
        clients.close();
    }

    private HubConnection start(TransportEnum transport, String token, CountDownLatch closed) {
        HubConnection connection = HubConnectionBuilder.create(base + "secured").withTransport(transport)
                .withAccessTokenProvider(Single.defer(() -> Single.just(token))).build();
        connection.onClosed(error -> closed.countDown());
        return clients.start(connection);
    }

    @Test
    void aConnectionEndsWhenItsTokenExpires() throws InterruptedException {
        String expiring = TestTokens.expiringToken(Duration.ofSeconds(4), "alice", "chat");
        CountDownLatch expired = new CountDownLatch(2);
        CountDownLatch lasting = new CountDownLatch(1);
        HubConnection webSocket = start(TransportEnum.WEBSOCKETS, expiring, expired);
        HubConnection longPolling = start(TransportEnum.LONG_POLLING, expiring, expired);
        HubConnection fresh = start(TransportEnum.WEBSOCKETS, TestTokens.token("bob", "chat"), lasting);
        assertEquals("alice/alice/jwt", webSocket.invoke(String.class, "whoAmI").blockingGet());
        assertEquals("alice/alice/jwt", longPolling.invoke(String.class, "whoAmI").blockingGet());

        assertTrue(expired.await(Await.TIMEOUT.toMillis() + 4000, TimeUnit.MILLISECONDS),
                "both connections must be closed once the token has expired");
        assertEquals(HubConnectionState.DISCONNECTED, webSocket.getConnectionState());
        assertEquals(HubConnectionState.DISCONNECTED, longPolling.getConnectionState());
        assertEquals("bob/bob/jwt", fresh.invoke(String.class, "whoAmI").blockingGet());
        assertEquals(1, lasting.getCount(), "the connection with a valid token is still open");
    }
}
