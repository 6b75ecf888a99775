package dev.hubs.core.fuzz;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A hub whose parameters cover every kind of value the protocol binds, so that fuzzed records reach the binding
 * code for each. Its methods are quick and never wait: the fuzz targets must not hang on the hub's own account.
 */
public class FuzzHub {

    /** A record argument. */
    public record Person(String name, int age, List<String> tags) {
    }

    public String text(String s) {
        return s;
    }

    public long numbers(int i, long l, double d, boolean b, short s, byte y, float f) {
        return i + l;
    }

    public String big(BigInteger integer, BigDecimal decimal) {
        return integer.bitLength() + ":" + decimal.scale();
    }

    public int people(List<Person> people, Map<String, Integer> scores) {
        return people.size() + scores.size();
    }

    public Person person(Person person) {
        return person;
    }

    public void nothing() {
    }

    public CompletionStage<Integer> upload(String label, Flow.Publisher<Integer> items) {
        CompletableFuture<Integer> sum = new CompletableFuture<>();
        items.subscribe(new Flow.Subscriber<>() {
            int total;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Integer item) {
                total += item == null ? 0 : item;
            }

            @Override
            public void onError(Throwable error) {
                sum.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                sum.complete(total);
            }
        });
        return sum;
    }

    public Flow.Publisher<Integer> counter(int count) {
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            int next;
            boolean done;

            @Override
            public void request(long n) {
                for (long i = 0; i < n && !done; i++) {
                    if (next >= Math.min(count, 50)) {
                        done = true;
                        subscriber.onComplete();
                        return;
                    }
                    subscriber.onNext(next++);
                }
            }

            @Override
            public void cancel() {
                done = true;
            }
        });
    }
}
