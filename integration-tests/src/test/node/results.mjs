// Client results with the official JavaScript client, on ResultsHub and ImpatientHub (see FIXTURES.md): a handler
// registered with connection.on(...) that returns a value (or a promise of one) answers the hub; a handler that
// throws, a missing handler, a client that never answers and one that leaves each fail the hub's stage, and the hub
// reports how (ResultsHub's *Outcome methods answer "answer: <value>" or "<exception>: <message>").
// Run by dev.hubs.it.streams.ClientResultsJsIT over each transport; see harness.mjs for the arguments and the report.

import { runScenarios, within } from "./harness.mjs";

const HUB = "results";

await runScenarios({
    // The hub asks its own caller, from the invocation the caller is waiting for.
    async callerAnswers(session, seen) {
        const a = await session.connect("a", HUB);
        a.connection.on("ask", (question) => `a answers ${question}`);
        a.connection.on("later", async (question) => {
            await new Promise((resolve) => setImmediate(resolve));
            return `later: ${question}`;
        });
        seen.askCaller = await a.invoke("askCaller", "q1");
        seen.askCallerTwice = await a.invoke("askCallerTwice", "q2");
        seen.promised = await a.invoke("askCallerOutcome", "later", "q3");
        seen.callerWithoutHandler = await a.invoke("askCallerOutcome", "nobodyHome", "q4");
    },

    async otherClient(session, seen) {
        const { a, b } = await session.connectEach(HUB, ["a", "b"]);
        b.connection.on("ask", (question) => `b answers ${question}`);
        b.connection.on("refuse", () => {
            throw new Error("b will not say");
        });
        seen.answer = await a.invoke("askClientOutcome", b.id, "ask", "q");
        seen.clientError = await a.invoke("askClientOutcome", b.id, "refuse", "q");
        seen.noHandler = await a.invoke("askClientOutcome", b.id, "nobodyHome", "q");
        seen.unknownConnection = await a.invoke("askClientOutcome", "no-such-connection", "ask", "q");
        seen.several = await a.invoke("askSeveral");
        seen.bStillUsable = await b.invoke("whoAmI") === b.id;
    },

    // The asked client leaves before it answers.
    async askedClientLeaves(session, seen) {
        const { a, b } = await session.connectEach(HUB, ["a", "b"]);
        let asked;
        const wasAsked = new Promise((resolve) => {
            asked = resolve;
        });
        b.connection.on("hang", (question) => {
            asked(question);
            return new Promise(() => {}); // never answers
        });
        seen.bId = b.id;
        const outcome = a.invoke("askClientOutcome", b.id, "hang", "q");
        seen.asked = await within(wasAsked, "b to be asked");
        await b.stop();
        seen.outcome = await outcome;
    },

    async typedClient(session, seen) {
        const a = await session.connect("a", HUB);
        a.connection.on("add", (x, y) => x + y);
        a.connection.on("GetTags", (name) => [name, "tagged"]);
        seen.add = await a.invoke("typedAdd", 2, 40);
        seen.tags = await a.invoke("typedTags", "ada");
    },

    // ImpatientHub's clients have one second: a handler that never settles makes the hub's stage time out.
    async timeout(session, seen) {
        const a = await session.connect("a", "impatient");
        a.connection.on("never", () => new Promise(() => {}));
        seen.id = a.id;
        seen.outcome = await a.invoke("askCallerOutcome", "never", "q");
        seen.stillUsable = await a.invoke("echo", "still here");
    },
});
