package dev.hubs.it.churn;

import dev.hubs.GroupManager;
import dev.hubs.Hub;
import dev.hubs.HubCallerContext;
import dev.hubs.OnConnected;
import dev.hubs.OnDisconnected;
import jakarta.inject.Inject;

import java.util.concurrent.CompletionStage;

/**
 * A hub whose own code fails, for {@link FaultsIT}. The connecting request's query steers it:
 * <ul>
 *   <li>{@code failOnConnect}: {@code @OnConnected} joins the group {@value #JOINED_FIRST}, then throws;</li>
 *   <li>{@code failOnDisconnect}: {@code @OnDisconnected} throws;</li>
 *   <li>{@code blockOnDisconnect}: {@code @OnDisconnected} blocks its thread until the test releases it.</li>
 * </ul>
 * {@code blockForever()} holds its thread until the test releases it.
 */
@Hub("/faults")
public class FaultHub {

    /** The group {@code @OnConnected} joins before it fails. */
    public static final String JOINED_FIRST = "joined-first";

    @Inject
    ChurnTally tally;

    @Inject
    HubCallerContext context;

    @Inject
    GroupManager groups;

    @OnConnected
    public void connected() {
        tally.connected();
        if (context.request().queryParameter("failOnConnect").isPresent()) {
            groups.add(context.connectionId(), JOINED_FIRST).toCompletableFuture().join();
            throw new IllegalStateException("refusing connection " + context.connectionId());
        }
    }

    @OnDisconnected
    public void disconnected() {
        tally.disconnected();
        if (context.request().queryParameter("failOnDisconnect").isPresent()) {
            tally.disconnectFailed();
            throw new IllegalStateException("clean-up failed for " + context.connectionId());
        }
        if (context.request().queryParameter("blockOnDisconnect").isPresent()) {
            tally.block();
        }
    }

    /** Answers its argument. */
    public String echo(String text) {
        return text;
    }

    /** Joins a group. */
    public CompletionStage<Void> join(String group) {
        return groups.add(context.connectionId(), group);
    }

    /** Blocks its thread until the test releases it: a hub method that never returns, as far as the test goes. */
    public String blockForever() {
        tally.block();
        return "released";
    }
}
