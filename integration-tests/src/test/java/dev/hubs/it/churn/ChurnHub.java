package dev.hubs.it.churn;

import dev.hubs.ClientProxy;
import dev.hubs.GroupManager;
import dev.hubs.Hub;
import dev.hubs.HubCallerClients;
import dev.hubs.HubCallerContext;
import dev.hubs.OnConnected;
import dev.hubs.OnDisconnected;
import jakarta.inject.Inject;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The hub {@link ChurnIT} opens and ends connections of, with something of every kind a connection can hold: group
 * memberships (every connection joins {@value #EVERYONE} in {@code @OnConnected}), invocations that wait, a stream of
 * results that never ends, an upload, a client result. Methods that wait first send the caller
 * {@code started()}, so that its client knows it leaves in the middle of them.
 */
@Hub("/churn")
public class ChurnHub {

    /** The group every connection joins when it connects. */
    public static final String EVERYONE = "everyone";

    @Inject
    ChurnTally tally;

    @Inject
    HubCallerContext context;

    @Inject
    HubCallerClients<ClientProxy> clients;

    @Inject
    GroupManager groups;

    @OnConnected
    public CompletionStage<Void> connected() {
        tally.connected();
        return groups.add(context.connectionId(), EVERYONE);
    }

    @OnDisconnected
    public void disconnected(Throwable cause) {
        tally.disconnected();
    }

    /** Answers its argument. */
    public String echo(String text) {
        return text;
    }

    /** Joins one more group. */
    public CompletionStage<Void> join(String group) {
        return groups.add(context.connectionId(), group);
    }

    /** Answers when the test releases it, without holding a thread meanwhile. */
    public CompletionStage<String> hold() {
        return clients.caller().send("started").thenCompose(ignored -> tally.hold());
    }

    /** Holds its thread until the test releases it. */
    public String block() {
        clients.caller().send("started");
        tally.block();
        return "released";
    }

    /** Streams one item, then nothing more: the stream stays open until it is cancelled. */
    public Flow.Publisher<Integer> endless() {
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private boolean sent;

            @Override
            public synchronized void request(long n) {
                if (!sent) {
                    sent = true;
                    subscriber.onNext(1);
                }
            }

            @Override
            public void cancel() {
            }
        });
    }

    /** Counts the items of an upload, answering when it ends. */
    public CompletionStage<Integer> upload(Flow.Publisher<String> items) {
        CompletableFuture<Integer> count = new CompletableFuture<>();
        items.subscribe(new Flow.Subscriber<>() {
            private int seen;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String item) {
                seen++;
            }

            @Override
            public void onError(Throwable error) {
                count.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                count.complete(seen);
            }
        });
        return count;
    }

    /** Asks the caller {@code question()} and answers with what it says. */
    public CompletionStage<String> ask() {
        return clients.caller().invoke(String.class, "question");
    }
}
