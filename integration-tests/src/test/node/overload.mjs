// A hub that holds its maximum-connections, seen by the official JavaScript client: start() fails, after negotiation
// and when skipping it. The Java side fills the hub first.
// Run by dev.hubs.it.overload.MaximumConnectionsIT; see harness.mjs for the arguments and the report.

import { messageOf, runScenarios } from "./harness.mjs";

/** Starts a connection that must be refused; returns the error's message. */
async function refused(session, name, options = {}) {
    try {
        await session.connect(name, "echo", options);
    } catch (error) {
        return messageOf(error);
    }
    throw new Error(`${name} was accepted by a full hub`);
}

await runScenarios({
    async refused(session, seen) {
        seen.negotiated = await refused(session, "negotiating");
        seen.skippingNegotiation = await refused(session, "skipping", { skipNegotiation: true });
    },
});
