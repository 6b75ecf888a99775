// Hub options (MicroProfile Config of the test WAR) as the official JavaScript client meets them, on EchoHub (hub path
// "echo"): the maximum receive message size, server keep-alive pings and the client timeout.
// Run by dev.hubs.it.js.MessageSizeJsIT and dev.hubs.it.js.KeepAliveJsIT; see harness.mjs for the arguments and the
// report.

import { messageOf, runScenarios, within } from "./harness.mjs";
import { LISTEN, MODEL } from "./model.mjs";

const HUB = "echo";

/** The length of the Invocation record the client writes for invoke("echo", payload) (without the separator). */
const invocationLength = (payload, invocationId) =>
    JSON.stringify({ arguments: [payload], invocationId, target: "echo", type: 1 }).length;

/**
 * A quiet period: nothing is sent for ms milliseconds, unless the connection closes first. This wait is what the
 * keep-alive test is about, not a synchronisation; its timer is cleared when the close comes first.
 */
async function quietPeriod(client, ms) {
    let timer;
    const quiet = new Promise((resolve) => {
        timer = setTimeout(() => resolve({ stayedOpen: true }), ms);
    });
    try {
        return await Promise.race([quiet, client.closed.then((error) => ({ stayedOpen: false, closedWith: error }))]);
    } finally {
        clearTimeout(timer);
    }
}

await runScenarios({
    // With hubs.maximum-receive-message-size=1KB.
    async maximumReceiveMessageSize(session, seen) {
        const { a, b } = await session.connectEach(HUB, ["a", "b"]);

        const small = "s".repeat(900);
        seen.smallRecordLength = invocationLength(small, "0");
        seen.smallEchoed = (await a.invoke("echo", small)) === small;

        const large = "L".repeat(1100);
        seen.largeRecordLength = invocationLength(large, "1");
        try {
            const result = await a.invoke("echo", large);
            seen.largeInvocation = { completed: result === large };
        } catch (error) {
            seen.largeInvocation = { failed: messageOf(error) };
        }
        seen.closed = await a.whenClosed("the server to close the connection that sent too much");
        seen.state = a.state;
        seen.otherStillUsable = (await b.invoke("echo", "b is fine")) === "b is fine";
    },

    // With hubs.maximum-receive-message-size=1KB for all hubs but hubs.ModelHub.maximum-receive-message-size=4KB.
    async perHubMaximumReceiveMessageSize(session, seen) {
        const echo = await session.connect("echo", HUB);
        const model = await session.connect("model", MODEL, LISTEN);
        const text = "m".repeat(2000);

        await model.invoke("sendCaller", text);
        seen.modelReceivedItsOwn2000Characters = (await model.next("receive")) === text;

        try {
            await echo.invoke("echo", text);
            seen.echoInvocation = { completed: true };
        } catch (error) {
            seen.echoInvocation = { failed: messageOf(error) };
        }
        seen.echoClosed = await echo.whenClosed("the server to close the echo connection that sent too much");
        seen.modelState = model.state;
    },

    // With hubs.keep-alive-interval=1s and hubs.client-timeout=3s: the client expects to hear from the server every
    // 3 s and pings every second itself; over 5 quiet seconds only the server's pings can keep it open.
    async serverPingsKeepTheClientAlive(session, seen) {
        const a = await session.connect("a", HUB,
            { serverTimeoutInMilliseconds: 3000, keepAliveIntervalInMilliseconds: 1000 });
        const pingsBefore = a.pings;
        seen.quiet = await quietPeriod(a, 5000);
        seen.pingsDuringQuietPeriod = a.pings - pingsBefore;
        if (seen.quiet.stayedOpen) {
            seen.echoAfterwards = await a.invoke("echo", "still here");
        }
        seen.state = a.state;
    },

    // With hubs.client-timeout=3s: after its first Ping (sent right after the handshake) this client stays silent,
    // so the server must close it after 3 s; a client that keeps pinging stays open.
    async silentClientIsClosed(session, seen) {
        const pinging = await session.connect("pinging", HUB, { keepAliveIntervalInMilliseconds: 1000 });
        const silent = await session.connect("silent", HUB, { keepAliveIntervalInMilliseconds: 600000 });
        const started = Date.now();
        seen.closed = await within(silent.closed, "silent: the server to close it (client timeout)");
        seen.closedAfterMs = Date.now() - started;
        seen.pingingState = pinging.state;
        seen.pingingEcho = await pinging.invoke("echo", "pinging is fine");
    },
});
