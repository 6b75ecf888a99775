// @OnConnected and @OnDisconnected with the official JavaScript client, on LifecycleHub (hub path "lifecycle", see
// FIXTURES.md), which records each connection's events server side (LifecycleLog) and sends welcome(connectionId)
// from @OnConnected and left(connectionId, cause) from @OnDisconnected to the group "watchers" and to the group the
// connection was in.
// Run by dev.hubs.it.js.LifecycleJsIT; see harness.mjs for the arguments and the report.

import { formatCall, runScenarios } from "./harness.mjs";

const HUB = "lifecycle";
const LISTEN = ["welcome", "left", "receive"];
const on = (query = {}) => ({ on: LISTEN, query });

await runScenarios({
    async connectedFirst(session, seen) {
        const a = await session.connect("a", HUB, on());
        seen.id = a.id;
        seen.firstCall = await a.nextArgs("welcome");
        seen.events = await a.invoke("record");
        seen.whoAmI = await a.invoke("whoAmI");
    },

    async slowOnConnectedCompletesBeforeInvocations(session, seen) {
        // @OnConnected takes 500 ms more; the invocation sent as soon as start() resolved must wait for it.
        const a = await session.connect("a", HUB, on({ slow: "500" }));
        seen.events = await a.invoke("record");
        seen.firstCall = formatCall(await a.nextCall());
        seen.id = a.id;
    },

    async disconnectedLast(session, seen) {
        const watcher = await session.connect("watcher", HUB, on());
        await watcher.nextArgs("welcome");
        await watcher.invoke("join", "watchers");

        const a = await session.connect("a", HUB, on());
        seen.id = a.id;
        await a.nextArgs("welcome");
        await a.invoke("record");
        // Over Server-Sent Events invoke() resolves with the completion, which comes on the event stream and may
        // arrive before the answer to the POST that carried the invocation; a client that stops while a POST is
        // pending drops its Close message and only closes its event stream, which the server cannot see before it
        // next writes to it. send() resolves once its POST is answered: after it, nothing is pending.
        await a.connection.send("whoAmI");
        await a.stop();
        seen.closed = await a.whenClosed();

        seen.watcherGot = await watcher.nextArgs("left");
        seen.events = await watcher.invoke("events", a.id);
    },

    async onDisconnectedReachesTheRemainingMembers(session, seen) {
        const a = await session.connect("a", HUB, on({ group: "room" }));
        const b = await session.connect("b", HUB, on({ group: "room" }));
        seen.aId = a.id;
        await a.nextArgs("welcome");
        await b.nextArgs("welcome");
        await a.stop();
        seen.bGot = await b.nextArgs("left");
    },

    async failingOnConnected(session, seen) {
        const watcher = await session.connect("watcher", HUB, on());
        const a = session.build("a", HUB, on({ fail: "true" }));
        try {
            await a.connection.start();
            seen.started = true;
            seen.closed = await a.whenClosed("the connection to be closed by the server");
        } catch (error) {
            // The Close message may arrive while start() is still completing: start() then fails with its error.
            seen.started = false;
            seen.startError = error?.message ?? String(error);
        }
        seen.id = a.id;
        seen.events = await watcher.invoke("events", a.id);
    },

    async lifecycleMethodsAreNotHubMethods(session, seen) {
        const a = await session.connect("a", HUB, on());
        seen.connected = await a.invokeError("connected");
        seen.disconnected = await a.invokeError("disconnected", null);
        seen.stillUsable = await a.invoke("whoAmI");
    },
});
