// The official JavaScript client and every send target of HubCallerClients, on ModelHub (see FIXTURES.md).
// Each scenario connects fresh clients, lets one of them invoke a send* method, then records per connection what it
// received before a marker sent to it afterwards (callsBeforeMarkers): [] proves a connection was not reached.
// Run by dev.hubs.it.js.TargetsJsIT; see harness.mjs for the arguments and the report.

import { callsBeforeMarkers, runScenarios } from "./harness.mjs";
import { LISTEN, MODEL, viaCaller } from "./model.mjs";

/** Connects a, b, c (and more when named), runs the action, and records who received what. */
async function reach(session, seen, names, action) {
    const clients = await session.connectEach(MODEL, names, LISTEN);
    seen.result = (await action(clients)) ?? null;
    seen.received = await callsBeforeMarkers(Object.values(clients), viaCaller);
}

const ABC = ["a", "b", "c"];

await runScenarios({
    all: (session, seen) => reach(session, seen, ABC,
        ({ a }) => a.invoke("sendAll", "to all")),

    allExcept: (session, seen) => reach(session, seen, ABC,
        ({ a, b }) => a.invoke("sendAllExcept", [b.id], "to all but b")),

    client: (session, seen) => reach(session, seen, ABC,
        ({ a, b }) => a.invoke("sendClient", b.id, "to b")),

    clients: (session, seen) => reach(session, seen, ABC,
        ({ a, b, c }) => a.invoke("sendClients", [b.id, c.id], "to b and c")),

    caller: (session, seen) => reach(session, seen, ABC,
        ({ b }) => b.invoke("sendCaller", "to the caller b")),

    others: (session, seen) => reach(session, seen, ABC,
        ({ a }) => a.invoke("sendOthers", "to others than a")),

    group: (session, seen) => reach(session, seen, ABC, async ({ a, b, c }) => {
        await b.invoke("join", "g");
        await c.invoke("join", "g");
        return a.invoke("sendGroup", "g", "to g");
    }),

    groups: (session, seen) => reach(session, seen, ["a", "b", "c", "d"], async ({ a, b, c }) => {
        // b is in both groups and must be called once.
        await a.invoke("join", "g1");
        await b.invoke("join", "g1");
        await b.invoke("join", "g2");
        await c.invoke("join", "g2");
        return a.invoke("sendGroups", ["g1", "g2"], "to g1 and g2");
    }),

    groupExcept: (session, seen) => reach(session, seen, ["a", "b", "c", "d"], async ({ a, b, c }) => {
        await a.invoke("join", "g");
        await b.invoke("join", "g");
        await c.invoke("join", "g");
        return a.invoke("sendGroupExcept", "g", [b.id], "to g but b");
    }),

    othersInGroup: (session, seen) => reach(session, seen, ABC, async ({ a, b }) => {
        await a.invoke("join", "g");
        await b.invoke("join", "g");
        return a.invoke("sendOthersInGroup", "g", "to g but the caller a");
    }),

    unknownTargets: (session, seen) => reach(session, seen, ABC, async ({ a }) => ({
        client: (await a.invoke("sendClient", "no-such-connection", "to nobody")) ?? null,
        clients: (await a.invoke("sendClients", [], "to nobody")) ?? null,
        group: (await a.invoke("sendGroup", "no-such-group", "to nobody")) ?? null,
        groups: (await a.invoke("sendGroups", ["no-such-group", "nor-this"], "to nobody")) ?? null,
        user: (await a.invoke("sendUser", "nobody", "to nobody")) ?? null,
        users: (await a.invoke("sendUsers", ["nobody"], "to nobody")) ?? null,
    })),
});
