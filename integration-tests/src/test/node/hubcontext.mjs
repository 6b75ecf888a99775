// HubContext<ModelHub> used outside the hub, from the Jakarta REST resource ModelResource (see FIXTURES.md): the
// script calls it with fetch, and its connections of the official JavaScript client receive. Each request answers
// once its message is queued, so markers sent afterwards prove who was not reached.
// Run by dev.hubs.it.js.HubContextJsIT; see harness.mjs for the arguments and the report.

import { callsBeforeMarkers, runScenarios } from "./harness.mjs";
import { MODEL, MODEL_CLIENT_METHODS, viaCaller } from "./model.mjs";

const API = "api/model/";

/** a is alice, b is bob, c is anonymous. */
async function connect(session) {
    return session.connectAll(MODEL, {
        a: { on: MODEL_CLIENT_METHODS, query: { user: "alice" } },
        b: { on: MODEL_CLIENT_METHODS, query: { user: "bob" } },
        c: { on: MODEL_CLIENT_METHODS },
    });
}

const post = (session, path, message) => session.fetch(API + path, { method: "POST" }, message ? { message } : {});

await runScenarios({
    async untypedTargets(session, seen) {
        const { a, b, c } = await connect(session);
        const clients = [a, b, c];

        await post(session, "all", "from REST to all");
        seen.all = await callsBeforeMarkers(clients, viaCaller);

        await post(session, `client/${b.id}`, "from REST to b");
        seen.client = await callsBeforeMarkers(clients, viaCaller);

        await post(session, "user/alice", "from REST to alice");
        seen.user = await callsBeforeMarkers(clients, viaCaller);
    },

    async groups(session, seen) {
        const { a, b, c } = await connect(session);
        const clients = [a, b, c];

        await post(session, `groups/desk/${a.id}`);
        await post(session, `groups/desk/${c.id}`);
        await post(session, "group/desk", "from REST to the desk");
        seen.afterAdd = await callsBeforeMarkers(clients, viaCaller);

        await session.fetch(`${API}groups/desk/${a.id}`, { method: "DELETE" });
        await post(session, "group/desk", "from REST after a was removed");
        seen.afterRemove = await callsBeforeMarkers(clients, viaCaller);

        // The hub and HubContext share the groups: a member added by the hub is reached from REST.
        await b.invoke("join", "desk");
        await post(session, "group/desk", "from REST after b joined in the hub");
        seen.afterHubJoin = await callsBeforeMarkers(clients, viaCaller);
    },

    async typed(session, seen) {
        const { a, b, c } = await connect(session);
        const clients = [a, b, c];

        await post(session, "typed/all", "typed from REST");
        seen.all = await callsBeforeMarkers(clients, viaCaller);

        await post(session, "typed/renamed", "renamed from REST");
        seen.renamed = await callsBeforeMarkers(clients, viaCaller);
    },
});
