package dev.hubs.it.security;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubException;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URL;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official Java client with {@code withAccessTokenProvider}, on WebSockets and long polling (it has no
 * Server-Sent Events): it sends the token as {@code Authorization: Bearer} on every request, which Open Liberty's
 * MicroProfile JWT validates. A hub protected by {@code @RolesAllowed("chat")} serves a caller in the role, refuses
 * negotiation without a token (401), with an expired or forged one (401) and with the wrong role (403), and a
 * {@code @DenyAll} hub refuses everyone; a method for another role fails with SignalR's error and the connection
 * goes on.
 */
@ExtendWith(ArquillianExtension.class)
class JavaClientSecurityIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestTokens.configure(Deployments.fallbackWar(JavaClientSecurityIT.class, SecuredHub.class,
                ClosedHub.class));
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();

    @AfterEach
    void stopClients() {
        clients.close();
    }

    private HubConnection build(String hub, TransportEnum transport, String token) {
        var builder = HubConnectionBuilder.create(base + hub).withTransport(transport);
        if (token != null) {
            builder.withAccessTokenProvider(Single.defer(() -> Single.just(token)));
        }
        return builder.build();
    }

    /** Starting must fail; returns the message of the failure, which names the status. */
    private static String refusedStart(HubConnection connection) {
        RuntimeException error = assertThrows(RuntimeException.class,
                () -> connection.start().blockingAwait(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        return String.valueOf(error.getMessage()) + " / " + error.getCause();
    }

    @ParameterizedTest
    @EnumSource(value = TransportEnum.class, names = {"WEBSOCKETS", "LONG_POLLING"})
    void aUserInTheRoleIsServedAndKnown(TransportEnum transport) {
        HubConnection alice = clients.start(build("secured", transport, TestTokens.token("alice", "chat")));
        assertEquals("alice/alice/jwt", alice.invoke(String.class, "whoAmI").blockingGet(),
                "principal, user id (the default UserIdProvider) and the MicroProfile JWT principal type");
        HubException denied = assertThrows(HubException.class,
                () -> alice.invoke(String.class, "admin").blockingGet());
        assertEquals("Failed to invoke 'admin' because user is unauthorized", denied.getMessage());
        HubException never = assertThrows(HubException.class,
                () -> alice.invoke(String.class, "denied").blockingGet());
        assertEquals("Failed to invoke 'denied' because user is unauthorized", never.getMessage());
        assertEquals("still here", alice.invoke(String.class, "echo", "still here").blockingGet(),
                "a refused invocation keeps the connection");
    }

    @ParameterizedTest
    @EnumSource(value = TransportEnum.class, names = {"WEBSOCKETS", "LONG_POLLING"})
    void anAdministratorMayCallTheAdministratorsMethod(TransportEnum transport) {
        HubConnection root = clients.start(build("secured", transport, TestTokens.token("root", "chat", "admin")));
        assertEquals("admin done", root.invoke(String.class, "admin").blockingGet());
    }

    @ParameterizedTest
    @EnumSource(value = TransportEnum.class, names = {"WEBSOCKETS", "LONG_POLLING"})
    void withoutATokenTheHubIsClosed(TransportEnum transport) {
        String error = refusedStart(build("secured", transport, null));
        assertTrue(error.contains("401"), error);
    }

    @ParameterizedTest
    @EnumSource(value = TransportEnum.class, names = {"WEBSOCKETS", "LONG_POLLING"})
    void theWrongRoleIsForbidden(TransportEnum transport) {
        String error = refusedStart(build("secured", transport, TestTokens.token("guest", "visitors")));
        assertTrue(error.contains("403"), error);
    }

    @ParameterizedTest
    @EnumSource(value = TransportEnum.class, names = {"WEBSOCKETS", "LONG_POLLING"})
    void anExpiredTokenIsNotAccepted(TransportEnum transport) {
        String error = refusedStart(build("secured", transport, TestTokens.expiredToken("alice", "chat")));
        assertTrue(error.contains("401"), error);
    }

    @Test
    void aForgedTokenIsNotAccepted() {
        String error = refusedStart(build("secured", TransportEnum.WEBSOCKETS, TestTokens.forgedToken("alice",
                "chat", "admin")));
        assertTrue(error.contains("401"), error);
    }

    @Test
    void aDenyAllHubRefusesEveryone() {
        String error = refusedStart(build("closed", TransportEnum.WEBSOCKETS, TestTokens.token("root", "chat",
                "admin")));
        assertTrue(error.contains("403"), error);
    }

    @Test
    void skippingNegotiationTheWebSocketRequestIsChecked() {
        HubConnection alice = clients.start(HubConnectionBuilder.create(base + "secured")
                .withTransport(TransportEnum.WEBSOCKETS).shouldSkipNegotiate(true)
                .withAccessTokenProvider(Single.defer(() -> Single.just(TestTokens.token("alice", "chat"))))
                .build());
        assertEquals("alice/alice/jwt", alice.invoke(String.class, "whoAmI").blockingGet());

        HubConnection guest = HubConnectionBuilder.create(base + "secured").withTransport(TransportEnum.WEBSOCKETS)
                .shouldSkipNegotiate(true)
                .withAccessTokenProvider(Single.defer(() -> Single.just(TestTokens.token("guest", "visitors"))))
                .build();
        String error = refusedStart(guest);
        assertTrue(error.contains("403"), error);
        String anonymous = refusedStart(HubConnectionBuilder.create(base + "secured")
                .withTransport(TransportEnum.WEBSOCKETS).shouldSkipNegotiate(true).build());
        assertTrue(anonymous.contains("401"), anonymous);
    }
}
