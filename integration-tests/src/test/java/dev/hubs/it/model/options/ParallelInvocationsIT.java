package dev.hubs.it.model.options;

import com.microsoft.signalr.HubConnection;
import dev.hubs.it.fixtures.OverlapMeter;
import dev.hubs.it.fixtures.ParallelHub;
import dev.hubs.it.fixtures.ParallelWork;
import dev.hubs.it.fixtures.WideParallelHub;
import dev.hubs.it.support.Await;
import dev.hubs.it.support.Calls;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.JavaClients;
import dev.hubs.it.support.JavaTransport;
import dev.hubs.it.support.OverEveryTransport;
import io.reactivex.rxjava3.core.Single;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code maximum-parallel-invocations-per-client}: with SignalR's default of 1, invocations of one client run one
 * after the other, also when the client sends them without waiting and when a method's stage completes later; the
 * per-hub key {@code hubs.WideParallelHub.maximum-parallel-invocations-per-client=2} lets two run at once.
 */
@ExtendWith(ArquillianExtension.class)
class ParallelInvocationsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(
                Deployments.fallbackWar(ParallelInvocationsIT.class, ParallelWork.class, ParallelHub.class,
                        WideParallelHub.class, OverlapMeter.class),
                "hubs.WideParallelHub.maximum-parallel-invocations-per-client=2");
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();

    @AfterEach
    void disconnect() {
        clients.close();
    }

    @OverEveryTransport
    void byDefaultBlockingInvocationsOfOneClientDoNotOverlap(JavaTransport transport) {
        clients.over(transport);
        HubConnection connection = clients.start(base, "parallel");

        invokeAtOnce(connection, "busy", 3, 300);

        assertEquals(1, Calls.invoke(connection, Integer.class, "maximumOverlap"));
    }

    @OverEveryTransport
    void byDefaultAsynchronousInvocationsOfOneClientDoNotOverlap(JavaTransport transport) {
        clients.over(transport);
        HubConnection connection = clients.start(base, "parallel");

        invokeAtOnce(connection, "busyAsync", 3, 300);

        assertEquals(1, Calls.invoke(connection, Integer.class, "maximumOverlap"),
                "an invocation lasts until its stage completes; the next must wait for it");
    }

    @OverEveryTransport
    void perHubSettingAllowsTwoAsynchronousInvocations(JavaTransport transport) {
        clients.over(transport);
        HubConnection connection = clients.start(base, "wide-parallel");

        invokeAtOnce(connection, "busyAsync", 4, 700);

        assertEquals(2, Calls.invoke(connection, Integer.class, "maximumOverlap"),
                "four invocations sent at once, each lasting 700 ms, with at most two at a time");
    }

    /**
     * Blocking hub methods are the common case in Java (JDBC, REST clients ...): with a limit of 2, two of them must
     * run at once, which needs a thread other than the one reading the connection.
     */
    @OverEveryTransport
    void perHubSettingAllowsTwoBlockingInvocations(JavaTransport transport) {
        clients.over(transport);
        HubConnection connection = clients.start(base, "wide-parallel");

        invokeAtOnce(connection, "busy", 4, 700);

        assertEquals(2, Calls.invoke(connection, Integer.class, "maximumOverlap"),
                "four invocations sent at once, each blocking for 700 ms, with at most two at a time");
    }

    /** Sends several invocations without waiting in between, then waits for all of them. */
    private static void invokeAtOnce(HubConnection connection, String method, int count, long millis) {
        List<Single<String>> results = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            // The Java client sends the invocation at once, not when the Single is subscribed.
            results.add(connection.invoke(String.class, method, millis));
        }
        for (Single<String> result : results) {
            result.timeout(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).blockingGet();
        }
    }
}
