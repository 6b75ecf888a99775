// Identity and authorization with the official JavaScript client and its accessTokenFactory, on SecuredHub and
// ClosedHub (dev.hubs.it.security). The tokens come from the Java side, signed with its test key, in the environment
// variable HUBS_IT_TOKENS: {"alice": ..., "root": ..., "guest": ..., "expired": ...}.
// Under Node the client sends the token as "Authorization: Bearer" on negotiate, long polling, sends and the
// WebSocket, and as the access_token query parameter on the event stream (as browsers do for WebSockets too).
// Run by dev.hubs.it.security.JsClientSecurityIT; see harness.mjs for the arguments and the report.

import { messageOf, runScenarios } from "./harness.mjs";

const TOKENS = JSON.parse(process.env.HUBS_IT_TOKENS || "{}");

/** Connection options with a token factory (none for an anonymous client). */
function as(user) {
    return user ? { accessTokenFactory: () => TOKENS[user] } : {};
}

/** Starts a connection that must be refused; returns the error's message. */
async function refused(session, hub, user) {
    try {
        await session.connect(user ?? "anonymous", hub, as(user));
    } catch (error) {
        return messageOf(error);
    }
    throw new Error(`${hub} accepted ${user ?? "an anonymous client"}`);
}

await runScenarios({
    async allowed(session, seen) {
        const alice = await session.connect("alice", "secured", as("alice"));
        seen.transport = await alice.invoke("transport");
        seen.whoAmI = await alice.invoke("whoAmI");
        seen.admin = await alice.invokeError("admin");
        seen.denied = await alice.invokeError("denied");
        seen.echo = await alice.invoke("echo", "still here");
    },

    async administrator(session, seen) {
        const root = await session.connect("root", "secured", as("root"));
        seen.admin = await root.invoke("admin");
    },

    async missingToken(session, seen) {
        seen.error = await refused(session, "secured", null);
    },

    async wrongRole(session, seen) {
        seen.error = await refused(session, "secured", "guest");
    },

    async expiredToken(session, seen) {
        seen.error = await refused(session, "secured", "expired");
    },

    async closedHub(session, seen) {
        seen.error = await refused(session, "closed", "root");
    },
});
