// Shared by the scripts that drive ModelHub (hub path "model", see FIXTURES.md): every send* method of the hub calls
// the client method receive(message) on its target, and completes once that message is queued for every receiver.

/** The hub path of ModelHub. */
export const MODEL = "model";

/** The client methods a ModelHub connection listens to: untyped targets and the typed client ModelClient. */
export const MODEL_CLIENT_METHODS = ["receive", "ReceiveRenamed", "renamed", "pair"];

/** Connect options for ModelHub connections. */
export const LISTEN = { on: MODEL_CLIENT_METHODS };

/** A marker through caller(): the connection asks the hub to send it receive(marker). */
export const viaCaller = (client, marker) => client.invoke("sendCaller", marker);
