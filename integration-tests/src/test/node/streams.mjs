// Streams both ways with the official JavaScript client, on StreamHub (see FIXTURES.md): connection.stream(...) of a
// Flow.Publisher, disposing a stream (the server's publisher must see the cancellation), uploads with signalR.Subject,
// a stream made from an upload, and the errors of calling a method the wrong way.
// Run by dev.hubs.it.streams.StreamsJsIT over each transport; see harness.mjs for the arguments and the report.

import { randomUUID } from "node:crypto";
import { messageOf, runScenarios, signalR, within } from "./harness.mjs";

const HUB = "streams";

// The client sends the items of an upload one after the other on a promise chain it never catches: when a scenario
// fails and its connection stops with items still to send, the rejections would end the process before the report.
process.on("unhandledRejection", (error) => {
    process.stderr.write(`Unhandled rejection in the client: ${messageOf(error)}\n`);
});

/** Runs a stream to its end: { items, error }, error null when it completed. */
function streamAll(client, method, ...args) {
    const items = [];
    return within(new Promise((resolve) => {
        client.connection.stream(method, ...args).subscribe({
            next: (item) => items.push(item),
            complete: () => resolve({ items, error: null }),
            error: (error) => resolve({ items, error: messageOf(error) }),
        });
    }), `${client.name}: the end of stream('${method}')`);
}

/**
 * Subscribes to a stream and resolves once `count` items arrived, with the items and the subscription (to dispose).
 */
function firstItems(client, method, count, ...args) {
    const items = [];
    return within(new Promise((resolve, reject) => {
        const subscription = client.connection.stream(method, ...args).subscribe({
            next: (item) => {
                items.push(item);
                if (items.length === count) {
                    resolve({ items: [...items], subscription });
                }
            },
            complete: () => reject(new Error(`stream('${method}') completed after ${items.length} items`)),
            error: (error) => reject(new Error(`stream('${method}') failed: ${messageOf(error)}`)),
        });
    }), `${client.name}: ${count} items of stream('${method}')`);
}

/** The number i as the scenarios expect it at index i: 0, 1, 2 ... */
function inOrder(items) {
    return items.every((item, index) => item === index);
}

await runScenarios({
    async items(session, seen) {
        const a = await session.connect("a", HUB);
        seen.five = await streamAll(a, "counter", randomUUID(), 5);

        // Far more items than the stream buffer: the server asks for them a few at a time.
        const key = randomUUID();
        const many = await streamAll(a, "counter", key, 2000);
        seen.many = { count: many.items.length, inOrder: inOrder(many.items), error: many.error };
        seen.manyStats = await a.invoke("stats", key);
    },

    // Disposing the subscription sends CancelInvocation: the publisher on the server is cancelled.
    async cancel(session, seen) {
        const a = await session.connect("a", HUB);
        const key = randomUUID();
        const { items, subscription } = await firstItems(a, "counter", 3, key, 1000000);
        subscription.dispose();
        seen.firstItems = items;
        seen.outcome = await a.invoke("outcome", key);
        seen.stats = await a.invoke("stats", key);
        seen.stillUsable = await a.invoke("echo", "still here");
    },

    // A connection that stops while it is being streamed to: its streams are cancelled on the server.
    async stopCancels(session, seen) {
        const { a, b } = await session.connectEach(HUB, ["a", "b"]);
        const key = randomUUID();
        await firstItems(a, "counter", 3, key, 1000000);
        await a.stop();
        seen.outcome = await b.invoke("outcome", key);
    },

    async upload(session, seen) {
        const a = await session.connect("a", HUB);

        const parts = new signalR.Subject();
        const concatenated = a.invoke("concat", parts);
        for (const part of ["Hello", ", ", "uploaded ", "world"]) {
            parts.next(part);
        }
        parts.complete();
        seen.concat = await concatenated;

        // More items than the server buffers for a hub that asks for one at a time.
        const many = new signalR.Subject();
        const manyConcatenated = a.invoke("concat", many);
        let expected = "";
        for (let i = 0; i < 200; i++) {
            many.next(`${i};`);
            expected += `${i};`;
        }
        many.complete();
        seen.manyMatches = (await manyConcatenated) === expected;

        const first = new signalR.Subject();
        const second = new signalR.Subject();
        // Not invoke("...", first, second): the client's _replaceStreamingParams splices each stream out of the
        // arguments while iterating over them, and so misses a stream that directly follows another.
        const sum = a.invoke("weightedSum", first, 2, second);
        first.next(1);
        second.next(10);
        first.next(2);
        second.next(20);
        first.next(3);
        first.complete();
        second.complete();
        seen.sum = await sum;

        // The client ends its upload with an error: the hub's subscriber gets it, and its text.
        const failing = new signalR.Subject();
        const failed = a.invokeError("concat", failing);
        failing.next("partial");
        failing.error(new Error("the client gave up"));
        seen.uploadError = await failed;
        seen.stillUsable = await a.invoke("echo", "still here");
    },

    // Both ways: a stream of results made from an upload, item by item.
    async bothWays(session, seen) {
        const a = await session.connect("a", HUB);
        const words = new signalR.Subject();
        const upper = streamAll(a, "upper", words);
        for (const word of ["streams", "both", "ways"]) {
            words.next(word);
        }
        words.complete();
        seen.upper = await upper;
    },

    async errors(session, seen) {
        const a = await session.connect("a", HUB);
        seen.streamingInvoked = await a.invokeError("counter", "k", 3);
        seen.plainStreamed = (await streamAll(a, "echo", "x")).error;
        seen.missingUpload = await a.invokeError("concat");
        seen.missingUploadOfStream = (await streamAll(a, "upper")).error;

        const unexpected = new signalR.Subject();
        const refused = a.invokeError("echo", "x", unexpected);
        unexpected.next("ignored");
        unexpected.complete();
        seen.unexpectedUpload = await refused;

        seen.hubException = await streamAll(a, "failing", 2, true);
        seen.crash = await streamAll(a, "failing", 2, false);
        seen.stillUsable = await a.invoke("echo", "still here");
    },
});
