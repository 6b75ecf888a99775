// What a hub knows of its caller (HubCallerContext), with the official JavaScript client, on ModelHub (see
// FIXTURES.md): ids, the transport, the connecting request's headers, query parameters and cookies, the
// per-connection items, and abort().
// Run by dev.hubs.it.js.CallerContextJsIT; see harness.mjs for the arguments and the report.

import { messageOf, runScenarios } from "./harness.mjs";
import { LISTEN, MODEL } from "./model.mjs";

await runScenarios({
    async identity(session, seen) {
        const a = await session.connect("a", MODEL, LISTEN);
        seen.connectionId = a.id;
        seen.whoAmI = await a.invoke("whoAmI");
        seen.userId = await a.invoke("userId");
        seen.transport = await a.invoke("transport");
    },

    async request(session, seen) {
        const a = await session.connect("a", MODEL, {
            ...LISTEN,
            query: { room: "blue" },
            headers: { "X-Hubs-Test": "yes", Cookie: "flavour=oatmeal; size=large" },
        });
        seen.header = await a.invoke("header", "X-Hubs-Test");
        seen.headerOtherCase = await a.invoke("header", "x-hubs-test");
        seen.userAgent = await a.invoke("header", "User-Agent");
        seen.missingHeader = await a.invoke("header", "X-Not-Sent");
        seen.query = await a.invoke("query", "room");
        seen.idQuery = await a.invoke("query", "id");
        seen.queryNames = await a.invoke("queryNames");
        seen.cookie = await a.invoke("cookie", "flavour");
        seen.secondCookie = await a.invoke("cookie", "size");
        seen.missingCookie = await a.invoke("cookie", "missing");
    },

    async items(session, seen) {
        const { a, b } = await session.connectEach(MODEL, ["a", "b"], LISTEN);
        seen.first = await a.invoke("remember", "k", "v1");
        seen.second = await a.invoke("remember", "k", "v2");
        seen.recall = await a.invoke("recall", "k");
        seen.otherConnection = await b.invoke("recall", "k");
    },

    async abort(session, seen) {
        const { a, b } = await session.connectEach(MODEL, ["a", "b"], LISTEN);
        try {
            seen.invocation = { completed: (await a.invoke("abort")) ?? null };
        } catch (error) {
            seen.invocation = { failed: messageOf(error) };
        }
        seen.closed = await a.whenClosed("the server to close the connection");
        seen.state = a.state;
        seen.otherStillUsable = (await b.invoke("whoAmI")) === b.id;
    },
});
