// What every scenario script needs: connections of the official client, inboxes of the calls they receive, bounded
// waits, and the one-line JSON report that dev.hubs.it.support.NodeClient reads.
//
// A script is run as
//     node <script>.mjs <base URL> <transport> [scenario ...]
// where <base URL> is the deployed application (ends with "/"), <transport> a name of signalR.HttpTransportType
// (WebSockets, ServerSentEvents, LongPolling) and the scenario names select which of the script's scenarios run
// (all of them when none is given). It prints exactly one line to stdout:
//     {"transport":"WebSockets","scenarios":{"<name>":{"ok":true,"ms":12,"seen":{...}}, ...}}
// "seen" is what the scenario observed, filled in as it goes; when a scenario fails, "ok" is false, "error" says why
// and "seen" still holds what was observed up to then. The Java test asserts on "seen". Every connection a scenario
// opened is stopped after it, and no timer outlives its wait, so the process ends on its own.
//
// Nothing here synchronises by sleeping: a scenario awaits the calls it expects, each with a bounded wait. That a
// connection did NOT receive something is proven with a marker sent to it afterwards: its calls arrive in the order
// they were sent, so the marker must be the next call it receives.

import * as signalR from "@microsoft/signalr";

export { signalR };

/** How long anything that should happen may take, as Await.TIMEOUT on the Java side. */
export const TIMEOUT_MS = Number(process.env.HUBS_IT_TIMEOUT_MS || 10000);

/**
 * The client's log level: Warning keeps the output small; HUBS_IT_LOG_LEVEL=Trace (a name of signalR.LogLevel) shows
 * every message sent and received, on stderr, which the Java side quotes when a scenario fails.
 */
const LOG_LEVEL = signalR.LogLevel[process.env.HUBS_IT_LOG_LEVEL || "Warning"] ?? signalR.LogLevel.Warning;

/**
 * Waits for a promise, failing with a message that says what was awaited when it does not settle in time.
 * The timer is cleared either way, so it never keeps the process alive.
 */
export function within(promise, what, ms = TIMEOUT_MS) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Nothing within ${ms} ms: ${what}`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The message of an error (or whatever was thrown), as a string. */
export function messageOf(error) {
    if (error === undefined || error === null) {
        return null;
    }
    return error instanceof Error ? error.message : String(error);
}

/**
 * A call of a client method, as the report shows it: the method name as the handler was registered, then the
 * arguments, strings as they are and anything else as JSON: receive(hello), pair(text, 42).
 */
export function formatCall({ method, args }) {
    return `${method}(${args.map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg))).join(", ")})`;
}

/** The client's transport classes by the names of the transports they implement. */
const TRANSPORT_NAMES = {
    WebSocketTransport: "WebSockets",
    ServerSentEventsTransport: "ServerSentEvents",
    LongPollingTransport: "LongPolling",
};

const RECORD_SEPARATOR = "\u001e";
const PING = /^\{\s*"type"\s*:\s*6\s*\}$/;

/** A queue of what arrives, taken in order with bounded waits. */
export class Inbox {
    #label;
    #items = [];
    #waiters = [];

    constructor(label) {
        this.#label = label;
    }

    push(item) {
        const waiter = this.#waiters.shift();
        if (waiter) {
            waiter(item);
        } else {
            this.#items.push(item);
        }
    }

    /** The next item, waiting up to TIMEOUT_MS for it. */
    take(what = "") {
        if (this.#items.length > 0) {
            return Promise.resolve(this.#items.shift());
        }
        let waiter;
        const arrived = new Promise((resolve) => {
            waiter = resolve;
            this.#waiters.push(resolve);
        });
        return within(arrived, `${this.#label} ${what}`.trim()).catch((error) => {
            // An item that arrives after the wait gave up must not vanish into a forgotten waiter.
            const index = this.#waiters.indexOf(waiter);
            if (index >= 0) {
                this.#waiters.splice(index, 1);
            }
            throw error;
        });
    }
}

/**
 * One connection of the official client. Every call of the client methods it listens to goes into one inbox, in
 * the order the calls arrived, whatever the method: that order is what proves a connection was not reached.
 */
export class Client {
    #id;

    constructor(name, connection, methods) {
        this.name = name;
        this.connection = connection;
        this.calls = new Inbox(`${name}: a call of ${methods.join("/") || "(no client method)"}`);
        for (const method of methods) {
            connection.on(method, (...args) => this.calls.push({ method, args }));
        }
        // Settles with null for a clean close, or the error's message.
        this.closed = new Promise((resolve) => connection.onclose((error) => resolve(messageOf(error))));
        /** How many Ping records the server sent (the client itself ignores them). */
        this.pings = 0;
        // The client's transport layer (its HttpConnection) hands every received frame to onreceive, which the
        // HubConnection set and the transport takes over when it connects: wrapped here, before start(), it also
        // counts the server's Pings and remembers the connection id, which the client forgets when it stops.
        const transport = connection.connection;
        const deliver = transport.onreceive;
        transport.onreceive = (data) => {
            this.#id ??= transport.connectionId;
            if (typeof data === "string") {
                this.pings += data.split(RECORD_SEPARATOR).filter((record) => PING.test(record)).length;
            }
            deliver(data);
        };
    }

    /**
     * The connection id from negotiate (undefined when negotiation was skipped); still known after the connection
     * ended, unlike connection.connectionId.
     */
    get id() {
        return this.connection.connectionId ?? this.#id;
    }

    /** The next call, whatever its method: { method, args }. */
    nextCall() {
        return this.calls.take();
    }

    /** The arguments of the next call, which must be of the given client method. */
    async nextArgs(method) {
        const call = await this.calls.take(`(expecting '${method}')`);
        if (call.method.toLowerCase() !== method.toLowerCase()) {
            throw new Error(`${this.name} expected a call of '${method}' but received ${formatCall(call)}`);
        }
        return call.args;
    }

    /** The first argument of the next call, which must be of the given client method. */
    async next(method) {
        return (await this.nextArgs(method))[0];
    }

    /**
     * The calls that arrive before a marker (a call whose first argument is the marker), formatted; the marker is
     * taken but not included.
     */
    async callsBefore(marker) {
        const before = [];
        for (;;) {
            const call = await this.calls.take(`(waiting for the marker '${marker}' after ${JSON.stringify(before)})`);
            if (call.args[0] === marker) {
                return before;
            }
            before.push(formatCall(call));
        }
    }

    /** Invokes a hub method and returns its result. */
    invoke(method, ...args) {
        return within(this.connection.invoke(method, ...args), `${this.name}: result of invoke('${method}')`);
    }

    /** Invokes a hub method that must fail, and returns the error's message; fails if the invocation succeeded. */
    async invokeError(method, ...args) {
        let result;
        try {
            result = await this.invoke(method, ...args);
        } catch (error) {
            return messageOf(error);
        }
        throw new Error(`${this.name}: invoke('${method}') succeeded with ${JSON.stringify(result)}; `
            + "an error was expected");
    }

    /** The error the connection closed with (null when clean), waiting for the close. */
    whenClosed(what = "the connection to close") {
        return within(this.closed, `${this.name}: ${what}`);
    }

    get state() {
        return this.connection.state;
    }

    /**
     * The transport the started connection uses, named as in signalR.HttpTransportType (the client does not export
     * its transport classes, so they are known by their names).
     */
    get transport() {
        const transport = this.connection.connection.transport;
        return TRANSPORT_NAMES[transport?.constructor?.name] ?? transport?.constructor?.name ?? "no transport";
    }

    stop() {
        return within(this.connection.stop(), `${this.name}: stop()`);
    }
}

/**
 * Proves who was reached by what was sent before: sends each client a marker (through sendMarker(client, marker),
 * awaited one after the other) and returns, per client name, the calls it received before its marker. The hub
 * methods the tests use complete only once their message is queued for every receiver, and a connection receives its
 * calls in order: a connection that was not reached shows [], one reached once shows exactly that call.
 */
export async function callsBeforeMarkers(clients, sendMarker) {
    for (const client of clients) {
        await sendMarker(client, `marker for ${client.name}`);
    }
    const seen = {};
    for (const client of clients) {
        seen[client.name] = await client.callsBefore(`marker for ${client.name}`);
    }
    return seen;
}

/**
 * Writes the client's log to stderr with a timestamp, whatever the level (the client's own console logger writes
 * Information and below to stdout, where the report goes).
 */
class StderrLogger {
    constructor(minimumLevel) {
        this.minimumLevel = minimumLevel;
    }

    log(level, message) {
        if (level >= this.minimumLevel) {
            process.stderr.write(`[${new Date().toISOString()}] ${signalR.LogLevel[level]}: ${message}\n`);
        }
    }
}

/** The connections of one scenario, all stopped when it ends. */
export class Session {
    constructor(base, transport) {
        this.base = base.endsWith("/") ? base : base + "/";
        this.transport = transport;
        this.clients = [];
    }

    /** The absolute URL of a path of the application (a hub, a REST resource). */
    url(path, query = {}) {
        const url = new URL(path, this.base);
        for (const [name, value] of Object.entries(query)) {
            url.searchParams.append(name, value);
        }
        return url.toString();
    }

    /**
     * Builds and starts a connection.
     *
     * @param name    how the report and errors call it
     * @param hub     the hub path relative to the context root, without a leading "/"
     * @param options on: client methods to listen to (registered before start, so nothing is missed);
     *                query: query parameters of the hub URL (the client sends them to negotiate and connect);
     *                headers: HTTP headers of negotiate and of the connecting request (Node only);
     *                skipNegotiation: connect the WebSocket straight away (WebSockets only);
     *                accessTokenFactory: gives the bearer token the client sends (header, or access_token query);
     *                transport: overrides the session's transport;
     *                serverTimeoutInMilliseconds, keepAliveIntervalInMilliseconds: the client's timers
     */
    async connect(name, hub, options = {}) {
        const client = this.build(name, hub, options);
        await within(client.connection.start(), `${name}: start() of ${hub}`);
        // The transport asked for must be the one in use: a scenario that ran on another would prove nothing about it.
        const asked = signalR.HttpTransportType[options.transport ?? this.transport];
        if (client.transport !== asked) {
            throw new Error(`${name} connected to ${hub} over ${client.transport}, not over ${asked}`);
        }
        return client;
    }

    /** Builds a connection without starting it. */
    build(name, hub, options = {}) {
        const httpOptions = { transport: options.transport ?? this.transport };
        if (options.skipNegotiation) {
            httpOptions.skipNegotiation = true;
        }
        if (options.headers) {
            httpOptions.headers = options.headers;
        }
        if (options.accessTokenFactory) {
            httpOptions.accessTokenFactory = options.accessTokenFactory;
        }
        const connection = new signalR.HubConnectionBuilder()
            .withUrl(this.url(hub, options.query), httpOptions)
            .configureLogging(new StderrLogger(LOG_LEVEL))
            .build();
        if (options.serverTimeoutInMilliseconds !== undefined) {
            connection.serverTimeoutInMilliseconds = options.serverTimeoutInMilliseconds;
        }
        if (options.keepAliveIntervalInMilliseconds !== undefined) {
            connection.keepAliveIntervalInMilliseconds = options.keepAliveIntervalInMilliseconds;
        }
        const client = new Client(name, connection, options.on ?? []);
        this.clients.push(client);
        return client;
    }

    /** Connects several clients at once: names maps each name to the options of connect(). */
    async connectAll(hub, names) {
        const entries = Object.entries(names);
        const clients = await Promise.all(entries.map(([name, options]) => this.connect(name, hub, options)));
        return Object.fromEntries(entries.map(([name], index) => [name, clients[index]]));
    }

    /** Connects several clients with the same options: returns them by name, in the order of names. */
    async connectEach(hub, names, options = {}) {
        return this.connectAll(hub, Object.fromEntries(names.map((name) => [name, options])));
    }

    /** An HTTP request to the application (Node's fetch), failing on a status other than 2xx. */
    async fetch(path, init = {}, query = {}) {
        const url = this.url(path, query);
        const response = await within(fetch(url, init), `${init.method ?? "GET"} ${url}`);
        const body = await within(response.text(), `the body of ${url}`);
        if (!response.ok) {
            throw new Error(`${init.method ?? "GET"} ${url} answered ${response.status}: ${body}`);
        }
        return body;
    }

    async close() {
        await Promise.all(this.clients.map(async (client) => {
            try {
                await client.stop();
            } catch (error) {
                process.stderr.write(`stop() of ${client.name} failed: ${messageOf(error)}\n`);
            }
        }));
    }
}

/**
 * Runs the selected scenarios one after the other and prints the report. Each scenario is an async function
 * (session, seen) that records what it observed in seen; it fails by throwing.
 */
export async function runScenarios(scenarios) {
    const [base, transportName, ...selected] = process.argv.slice(2);
    const report = { transport: transportName, scenarios: {} };
    const transport = signalR.HttpTransportType[transportName];
    if (!base || typeof transport !== "number") {
        const transports = Object.keys(signalR.HttpTransportType).filter((name) => isNaN(Number(name))).join("|");
        report.error = `Usage: node <script> <base URL> <${transports}> [scenario ...]; `
            + `got ${JSON.stringify(process.argv.slice(2))}`;
        finish(report);
        return;
    }
    const names = selected.length > 0 ? selected : Object.keys(scenarios);
    for (const name of names) {
        const scenario = scenarios[name];
        if (!scenario) {
            const known = Object.keys(scenarios).join(", ");
            report.scenarios[name] = { ok: false, error: `No scenario '${name}'; known: ${known}`, seen: {} };
            continue;
        }
        const session = new Session(base, transport);
        const seen = {};
        const started = Date.now();
        try {
            await scenario(session, seen);
            report.scenarios[name] = { ok: true, ms: Date.now() - started, seen };
        } catch (error) {
            report.scenarios[name] = {
                ok: false, ms: Date.now() - started, error: messageOf(error), stack: error?.stack ?? null, seen,
            };
        } finally {
            await session.close();
        }
    }
    finish(report);
}

function finish(report) {
    const failed = report.error !== undefined || Object.values(report.scenarios).some((result) => !result.ok);
    process.stdout.write(JSON.stringify(report) + "\n");
    // The exit code repeats the verdict; the process still ends on its own (no process.exit()).
    process.exitCode = failed ? 1 : 0;
}
