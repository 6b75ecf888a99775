// Invocation errors with the official JavaScript client, on ModelHub (see FIXTURES.md): an unknown method, a wrong
// number of arguments and arguments that do not convert each fail the invocation with SignalR's text, and leave the
// connection open; with detailed errors on, the texts say why.
// Run by dev.hubs.it.js.ErrorsJsIT and dev.hubs.it.js.DetailedErrorsJsIT; see harness.mjs for the arguments and the
// report.

import { runScenarios } from "./harness.mjs";
import { LISTEN, MODEL } from "./model.mjs";

await runScenarios({
    async invocationErrors(session, seen) {
        const a = await session.connect("a", MODEL, LISTEN);
        seen.unknownMethod = await a.invokeError("noSuchMethod", "x");
        seen.tooFewArguments = await a.invokeError("sendCaller");
        seen.tooManyArguments = await a.invokeError("sendCaller", "one", "two");
        seen.tooManyArgumentsOtherCase = await a.invokeError("SENDCALLER", "one", "two");
        seen.notAList = await a.invokeError("sendClients", "not a list", "m");
        seen.notANumber = await a.invokeError("typedPair", "text", "not a number");
        seen.stillUsable = (await a.invoke("whoAmI")) === a.id;
        seen.state = a.state;
    },

    // With hubs.enable-detailed-errors=true, in a WAR with EchoHub too.
    async detailedErrors(session, seen) {
        const echo = await session.connect("echo", "echo");
        seen.crash = await echo.invokeError("crash");
        seen.fail = await echo.invokeError("fail");
        seen.missing = await echo.invokeError("missing", "x");
        const model = await session.connect("model", MODEL, LISTEN);
        seen.tooManyArguments = await model.invokeError("sendCaller", "one", "two");
        seen.notANumber = await model.invokeError("typedPair", "text", "not a number");
        seen.stillUsable = (await echo.invoke("echo", "still here")) === "still here";
    },
});
