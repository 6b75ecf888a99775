// The official JavaScript client against EchoHub (hub path "echo"): results, argument binding, method names, the
// send targets of the walking skeleton, error texts, and connecting without negotiate.
// Run by dev.hubs.it.js.EchoJsIT; see harness.mjs for the arguments and the report.

import { callsBeforeMarkers, runScenarios, signalR } from "./harness.mjs";

const HUB = "echo";

await runScenarios({
    async invocations(session, seen) {
        const a = await session.connect("a", HUB);
        seen.echo = await a.invoke("echo", "hello");
        seen.add = await a.invoke("add", 40, 2);
        seen.delayedEcho = await a.invoke("delayedEcho", "soon");
        seen.noArgs = (await a.invoke("noArgs")) ?? null;
        seen.upperCase = await a.invoke("ECHO", "shout");
        seen.mixedCase = await a.invoke("eChO", "mixed");
        seen.connectionId = a.id;
        seen.whoAmI = await a.invoke("whoAmI");
    },

    async roundTrips(session, seen) {
        const a = await session.connect("a", HUB);
        seen.person = await a.invoke("roundTrip",
            { name: "Ada", age: 36, tags: ["math", "engines"], scores: { chess: 3, go: 7 } });
        seen.address = await a.invoke("roundTripBean", { street: "Rue de la Paix", number: 7, verified: true });
    },

    async targets(session, seen) {
        const { a, b, c } = await session.connectEach(HUB, ["a", "b", "c"], { on: ["receive", "direct"] });
        const clients = [a, b, c];
        // Markers through caller() (toCaller): what a connection received before its marker is all it received.
        const marker = (client, text) => client.invoke("toCaller", text);

        await a.invoke("broadcast", "to all");
        seen.all = await callsBeforeMarkers(clients, marker);

        await a.invoke("toOthers", "to others");
        seen.others = await callsBeforeMarkers(clients, marker);

        await a.invoke("sendTo", b.id, "for b only");
        seen.client = await callsBeforeMarkers(clients, marker);
    },

    async errors(session, seen) {
        const a = await session.connect("a", HUB);
        seen.missing = await a.invokeError("missing", "x");
        seen.fail = await a.invokeError("fail");
        seen.failInOtherCase = await a.invokeError("FAIL");
        seen.crash = await a.invokeError("crash");
        seen.stillUsable = await a.invoke("echo", "still here");
        seen.state = a.state;
    },

    async skipNegotiation(session, seen) {
        // skipNegotiation is only allowed with WebSockets, whatever the transport under test.
        const options = { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets };
        const first = await session.connect("first", HUB, options);
        const second = await session.connect("second", HUB, options);
        seen.echo = await first.invoke("echo", "direct");
        seen.add = await second.invoke("add", 2, 3);
        seen.firstId = await first.invoke("whoAmI");
        seen.secondId = await second.invoke("whoAmI");
    },
});
