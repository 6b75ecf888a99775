// Groups with the official JavaScript client, on ModelHub (see FIXTURES.md): joining and leaving (the caller, or any
// connection by id), and leaving every group when the connection ends. Who was reached is proven with markers
// (callsBeforeMarkers): [] means not reached.
// Run by dev.hubs.it.js.GroupsJsIT; see harness.mjs for the arguments and the report.

import { callsBeforeMarkers, runScenarios } from "./harness.mjs";
import { LISTEN, MODEL, viaCaller } from "./model.mjs";

await runScenarios({
    async joinAndLeave(session, seen) {
        const { a, b } = await session.connectEach(MODEL, ["a", "b"], LISTEN);
        const clients = [a, b];

        await a.invoke("join", "room");
        await b.invoke("sendGroup", "room", "after a joined");
        seen.afterJoin = await callsBeforeMarkers(clients, viaCaller);

        await a.invoke("join", "room");
        await b.invoke("sendGroup", "room", "after a joined twice");
        seen.afterJoinTwice = await callsBeforeMarkers(clients, viaCaller);

        await a.invoke("leave", "room");
        await b.invoke("sendGroup", "room", "after a left");
        seen.afterLeave = await callsBeforeMarkers(clients, viaCaller);

        // Leaving a group one is not in is harmless.
        seen.leaveAgain = (await a.invoke("leave", "room")) ?? null;
        seen.leaveNeverJoined = (await b.invoke("leave", "never-joined")) ?? null;

        await a.invoke("join", "room");
        await b.invoke("sendGroup", "room", "after a joined again");
        seen.afterRejoin = await callsBeforeMarkers(clients, viaCaller);
    },

    async addAndRemoveAnotherConnection(session, seen) {
        const { a, b, c } = await session.connectEach(MODEL, ["a", "b", "c"], LISTEN);
        const clients = [a, b, c];

        await a.invoke("addToGroup", b.id, "room");
        await c.invoke("sendGroup", "room", "after a added b");
        seen.afterAdd = await callsBeforeMarkers(clients, viaCaller);

        await a.invoke("removeFromGroup", b.id, "room");
        await c.invoke("sendGroup", "room", "after a removed b");
        seen.afterRemove = await callsBeforeMarkers(clients, viaCaller);

        seen.addUnknownConnection = (await a.invoke("addToGroup", "no-such-connection", "room")) ?? null;
    },

    async leaveOnDisconnect(session, seen) {
        const { a, b, c } = await session.connectEach(MODEL, ["a", "b", "c"], LISTEN);
        for (const client of [a, b, c]) {
            await client.invoke("join", "room");
        }
        await b.stop();
        seen.bClosed = await b.whenClosed();

        // The send completes only once queued for every member: b's membership must have ended with b, not fail it.
        seen.sendAfterBLeft = (await a.invoke("sendGroup", "room", "after b disconnected")) ?? null;
        seen.received = await callsBeforeMarkers([a, c], viaCaller);
    },
});
