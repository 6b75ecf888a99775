// Typed clients with the official JavaScript client, on ModelHub (see FIXTURES.md): the hub calls its clients through
// the Java interface ModelClient, and the client receives each call under the method's name, or under the name of
// its @ClientMethod annotation (ReceiveRenamed). Every connection listens to receive, ReceiveRenamed, renamed and
// pair, so a call under a wrong name shows up in the report. Who was reached is proven with markers.
// Run by dev.hubs.it.js.TypedClientsJsIT; see harness.mjs for the arguments and the report.

import { callsBeforeMarkers, formatCall, runScenarios } from "./harness.mjs";
import { LISTEN, MODEL, viaCaller } from "./model.mjs";

await runScenarios({
    async typedTargets(session, seen) {
        const { a, b, c } = await session.connectEach(MODEL, ["a", "b", "c"], LISTEN);
        const clients = [a, b, c];

        await a.invoke("typedAll", "typed to all");
        seen.all = await callsBeforeMarkers(clients, viaCaller);

        await b.invoke("typedCaller", "typed to the caller b");
        seen.caller = await callsBeforeMarkers(clients, viaCaller);

        await c.invoke("join", "typed-group");
        await a.invoke("typedGroup", "typed-group", "typed to the group");
        seen.group = await callsBeforeMarkers(clients, viaCaller);
    },

    async clientMethodNames(session, seen) {
        const { a, b } = await session.connectEach(MODEL, ["a", "b"], LISTEN);

        await a.invoke("typedRenamed", "under another name");
        seen.renamed = await callsBeforeMarkers([a, b], viaCaller);

        // typedPair is a void hub method calling a void client method: the call is awaited as it arrives.
        seen.pairResult = (await a.invoke("typedPair", "text", 42)) ?? null;
        seen.pair = formatCall(await a.nextCall());
        seen.afterPair = await callsBeforeMarkers([a, b], viaCaller);
    },
});
