// Users with the official JavaScript client, on ModelHub with QueryUserIdProvider (see FIXTURES.md): a connection's
// user id is the query parameter "user" of its hub URL, which the client sends to negotiate and to the connecting
// request. Who was reached is proven with markers (callsBeforeMarkers): [] means not reached.
// Run by dev.hubs.it.js.UsersJsIT; see harness.mjs for the arguments and the report.

import { callsBeforeMarkers, runScenarios } from "./harness.mjs";
import { MODEL, MODEL_CLIENT_METHODS, viaCaller } from "./model.mjs";

/** Connects alice twice, bob, carol and an anonymous connection. */
async function people(session) {
    const as = (user) => ({ on: MODEL_CLIENT_METHODS, query: user ? { user } : {} });
    return session.connectAll(MODEL, {
        alice1: as("alice"), alice2: as("alice"), bob: as("bob"), carol: as("carol"), anonymous: as(null),
    });
}

await runScenarios({
    async userIds(session, seen) {
        const { alice1, alice2, bob, anonymous } = await people(session);
        seen.alice1 = await alice1.invoke("userId");
        seen.alice2 = await alice2.invoke("userId");
        seen.bob = await bob.invoke("userId");
        seen.anonymous = await anonymous.invoke("userId");
    },

    async user(session, seen) {
        const clients = await people(session);
        await clients.bob.invoke("sendUser", "alice", "to alice");
        seen.received = await callsBeforeMarkers(Object.values(clients), viaCaller);
    },

    async users(session, seen) {
        const clients = await people(session);
        await clients.anonymous.invoke("sendUsers", ["alice", "bob"], "to alice and bob");
        seen.received = await callsBeforeMarkers(Object.values(clients), viaCaller);
    },

    async userAfterOneConnectionEnded(session, seen) {
        const clients = await people(session);
        await clients.alice1.stop();
        seen.alice1Closed = await clients.alice1.whenClosed();
        seen.sendResult = (await clients.bob.invoke("sendUser", "alice", "to the alice that is left")) ?? null;
        const { alice1, ...connected } = clients;
        seen.received = await callsBeforeMarkers(Object.values(connected), viaCaller);
    },
});
