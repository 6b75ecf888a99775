package dev.hubs.it.model.hubcontext;

import dev.hubs.it.fixtures.CallerInfo;
import dev.hubs.it.fixtures.ModelClient;
import dev.hubs.it.fixtures.ModelHub;
import dev.hubs.it.fixtures.ModelResource;
import dev.hubs.it.fixtures.QueryUserIdProvider;
import dev.hubs.it.fixtures.RestApplication;
import dev.hubs.it.model.ModelClients;
import dev.hubs.it.support.Await;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.JavaClients;
import dev.hubs.it.support.JavaTransport;
import dev.hubs.it.support.OverEveryTransport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link ModelResource}, a Jakarta REST resource with {@code @Inject HubContext<ModelHub>}, called over HTTP with
 * java.net.http while Java clients are connected to the hub. Each request answers once its message is queued.
 */
@ExtendWith(ArquillianExtension.class)
class HubContextIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Await.TIMEOUT)
            .build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(HubContextIT.class, ModelHub.class, ModelClient.class, CallerInfo.class,
                ModelResource.class, RestApplication.class, QueryUserIdProvider.class);
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();
    private ModelClients alice;
    private ModelClients bob;

    private void connect(JavaTransport transport) {
        clients.over(transport);
        alice = ModelClients.connect(clients, base, "user=alice");
        bob = ModelClients.connect(clients, base, "user=bob");
    }

    @AfterEach
    void disconnect() {
        clients.close();
    }

    @OverEveryTransport
    void all(JavaTransport transport) {
        connect(transport);
        post("api/model/all?message=" + encode("from REST to all"));

        alice.receives("from REST to all", "alice");
        bob.receives("from REST to all", "bob");
    }

    @OverEveryTransport
    void oneClient(JavaTransport transport) {
        connect(transport);
        post("api/model/client/" + bob.id() + "?message=" + encode("from REST to bob"));

        bob.receives("from REST to bob", "bob");
        alice.receivedNothingElse(bob, "alice");
    }

    @OverEveryTransport
    void user(JavaTransport transport) {
        connect(transport);
        ModelClients alice2 = ModelClients.connect(clients, base, "user=alice");

        post("api/model/user/alice?message=" + encode("from REST to alice"));

        alice.receives("from REST to alice", "alice's first connection");
        alice2.receives("from REST to alice", "alice's second connection");
        bob.receivedNothingElse(alice, "bob");
    }

    @OverEveryTransport
    void groupMembershipManagedFromOutsideTheHub(JavaTransport transport) {
        connect(transport);
        post("api/model/groups/rest-room/" + alice.id());

        post("api/model/group/rest-room?message=" + encode("to the REST room"));
        alice.receives("to the REST room", "alice (added by the REST resource)");
        bob.receivedNothingElse(alice, "bob");

        bob.call("sendGroup", "rest-room", "from a hub to the REST room");
        alice.receives("from a hub to the REST room", "alice (the hub sees the same group)");

        send("DELETE", "api/model/groups/rest-room/" + alice.id());
        post("api/model/group/rest-room?message=" + encode("after the removal"));
        alice.receivedNothingElse(bob, "alice (removed by the REST resource)");
    }

    @OverEveryTransport
    void typedClients(JavaTransport transport) {
        connect(transport);
        BlockingQueue<String> aliceRenamed = JavaClients.received(alice.connection(), "ReceiveRenamed");
        BlockingQueue<String> renamed = JavaClients.received(bob.connection(), "ReceiveRenamed");

        post("api/model/typed/all?message=" + encode("typed from REST"));
        alice.receives("typed from REST", "alice");
        bob.receives("typed from REST", "bob");

        post("api/model/typed/renamed?message=" + encode("renamed from REST"));
        assertEquals("renamed from REST", Await.next(aliceRenamed, "ReceiveRenamed(...) at alice"));
        assertEquals("renamed from REST", Await.next(renamed, "ReceiveRenamed(...) at bob"));
    }

    private void post(String path) {
        send("POST", path);
    }

    private void send(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Await.TIMEOUT)
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(204, response.statusCode(), method + " " + path + " answered " + response.statusCode()
                    + ": " + response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
