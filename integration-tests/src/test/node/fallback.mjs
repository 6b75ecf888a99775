// The official JavaScript client against dev.hubs.it.fallback.TransportHub (hub path "transport") over the transport
// given on the command line: the transport the hub sees, results, all/others/one client, and SignalR's error texts.
// Run by dev.hubs.it.fallback.JsClientFallbackIT for WebSockets, ServerSentEvents and LongPolling; see harness.mjs
// for the arguments and the report.

import { callsBeforeMarkers, runScenarios } from "./harness.mjs";

const HUB = "transport";

await runScenarios({
    async invocations(session, seen) {
        const a = await session.connect("a", HUB);
        seen.transport = await a.invoke("transport");
        seen.echo = await a.invoke("echo", "hello");
        seen.connectionId = a.id;
        seen.whoAmI = await a.invoke("whoAmI");
    },

    async targets(session, seen) {
        const { a, b, c } = await session.connectEach(HUB, ["a", "b", "c"], { on: ["receive"] });
        const clients = [a, b, c];
        // Markers through caller(): what a connection received before its marker is all it received.
        const marker = (client, text) => client.invoke("toCaller", text);

        await a.invoke("broadcast", "to all");
        seen.all = await callsBeforeMarkers(clients, marker);

        await a.invoke("toOthers", "to others");
        seen.others = await callsBeforeMarkers(clients, marker);

        await a.invoke("toClientMany", b.id, 3);
        seen.client = await callsBeforeMarkers(clients, marker);
    },

    async errors(session, seen) {
        const a = await session.connect("a", HUB);
        seen.missing = await a.invokeError("missing", "x");
        seen.fail = await a.invokeError("fail");
        seen.crash = await a.invokeError("crash");
        seen.stillUsable = await a.invoke("echo", "still here");
        seen.state = a.state;
    },
});
