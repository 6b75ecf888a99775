package dev.hubs.core.connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class UploadStreamTest {

    /** Records every signal; requests only what the test asks for. */
    static class Recorder implements Flow.Subscriber<Object> {
        final List<Object> items = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final CountDownLatch terminated = new CountDownLatch(1);
        volatile Flow.Subscription subscription;
        volatile boolean completed;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(Object item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable e) {
            error.set(e);
            terminated.countDown();
        }

        @Override
        public void onComplete() {
            completed = true;
            terminated.countDown();
        }
    }

    @Test
    void itemsWaitForDemandAndArriveInOrder() {
        UploadStream stream = new UploadStream("1", String.class, 10);
        assertTrue(stream.push("a"));
        assertTrue(stream.push("b"));
        Recorder recorder = new Recorder();
        stream.subscribe(recorder);
        assertEquals(List.of(), recorder.items, "nothing before a request");
        recorder.subscription.request(1);
        assertEquals(List.of("a"), recorder.items);
        recorder.subscription.request(5);
        assertTrue(stream.push("c"));
        assertEquals(List.of("a", "b", "c"), recorder.items);
        stream.end(null);
        assertTrue(recorder.completed);
        assertFalse(stream.push("late"), "items after the end are dropped");
    }

    @Test
    void theEndWaitsForBufferedItems() {
        UploadStream stream = new UploadStream("1", String.class, 10);
        Recorder recorder = new Recorder();
        stream.subscribe(recorder);
        stream.push("a");
        stream.push("b");
        stream.end(new IllegalStateException("client failed"));
        assertEquals(List.of(), recorder.items);
        assertEquals(null, recorder.error.get(), "the error comes after the buffered items");
        recorder.subscription.request(2);
        assertEquals(List.of("a", "b"), recorder.items);
        assertEquals("client failed", recorder.error.get().getMessage());
    }

    @Test
    void aFullBufferHoldsTheSenderUntilTheSubscriberAsks() throws Exception {
        UploadStream stream = new UploadStream("1", String.class, 2);
        Recorder recorder = new Recorder();
        stream.subscribe(recorder);
        stream.push("a");
        stream.push("b");
        CountDownLatch pushed = new CountDownLatch(1);
        Thread sender = new Thread(() -> {
            stream.push("c");
            pushed.countDown();
        });
        sender.start();
        assertFalse(pushed.await(200, TimeUnit.MILLISECONDS), "the third item waits for room");
        assertEquals(2, stream.buffered());
        recorder.subscription.request(1);
        assertTrue(pushed.await(5, TimeUnit.SECONDS), "a request makes room");
        sender.join();
        recorder.subscription.request(10);
        assertEquals(List.of("a", "b", "c"), recorder.items);
    }

    @Test
    void endingOrCancellingReleasesAWaitingSender() throws Exception {
        for (boolean cancel : new boolean[]{true, false}) {
            UploadStream stream = new UploadStream("1", String.class, 1);
            Recorder recorder = new Recorder();
            stream.subscribe(recorder);
            stream.push("a");
            AtomicBoolean accepted = new AtomicBoolean(true);
            Thread sender = new Thread(() -> accepted.set(stream.push("b")));
            sender.start();
            while (sender.getState() != Thread.State.WAITING) {
                Thread.onSpinWait(); // until the sender waits for room (the class timeout bounds this)
            }
            if (cancel) {
                recorder.subscription.cancel();
            } else {
                stream.end(null);
            }
            sender.join(5000);
            assertFalse(sender.isAlive(), "the sender was released (cancel=" + cancel + ")");
            assertFalse(accepted.get(), "the item was dropped (cancel=" + cancel + ")");
            assertTrue(stream.isEnded());
        }
    }

    @Test
    void requestFromInsideOnNextDoesNotRecurse() {
        UploadStream stream = new UploadStream("1", Integer.class, 1000);
        for (int i = 0; i < 500; i++) {
            stream.push(i);
        }
        stream.end(null);
        int[] depth = {0};
        int[] maxDepth = {0};
        Recorder recorder = new Recorder() {
            @Override
            public void onNext(Object item) {
                depth[0]++;
                maxDepth[0] = Math.max(maxDepth[0], depth[0]);
                super.onNext(item);
                subscription.request(1);
                depth[0]--;
            }
        };
        stream.subscribe(recorder);
        recorder.subscription.request(1);
        assertEquals(500, recorder.items.size());
        assertTrue(recorder.completed);
        assertEquals(1, maxDepth[0], "signals are never nested");
    }

    @Test
    void aSecondSubscriberIsRefused() {
        UploadStream stream = new UploadStream("1", String.class, 10);
        stream.subscribe(new Recorder());
        Recorder second = new Recorder();
        stream.subscribe(second);
        assertInstanceOf(IllegalStateException.class, second.error.get());
    }

    @Test
    void aNonPositiveRequestFailsTheStream() {
        UploadStream stream = new UploadStream("1", String.class, 10);
        Recorder recorder = new Recorder();
        stream.subscribe(recorder);
        recorder.subscription.request(0);
        assertInstanceOf(IllegalArgumentException.class, recorder.error.get());
    }
}
