// The sample chat page: talks to dev.hubs.sample.ChatHub through the official SignalR client (js/signalr.min.js).
"use strict";

(() => {
    const statusEl = document.getElementById("status");
    const nameForm = document.getElementById("name-form");
    const nameInput = document.getElementById("name");
    const messageForm = document.getElementById("message-form");
    const messageInput = document.getElementById("message");
    const sendButton = document.getElementById("send");
    const meEl = document.getElementById("me");
    const messagesEl = document.getElementById("messages");
    const accountEl = document.getElementById("account");

    if (typeof signalR === "undefined") {
        // The bundle is fetched from npm by the build's generate-resources phase, which liberty:run alone skips.
        setStatus("error", "The SignalR client (js/signalr.min.js) did not load. Start the sample with "
            + "./mvnw -pl sample-war -am generate-resources liberty:run (see sample-war/README.md).");
        return;
    }

    let myName = "";

    // A relative URL: the hub is at <context root>/chathub, whatever the context root is.
    // withAutomaticReconnect() retries after 0, 2, 10 and 30 seconds once a connection has been lost.
    const connection = new signalR.HubConnectionBuilder()
        .withUrl("chathub")
        .withAutomaticReconnect()
        .configureLogging(signalR.LogLevel.Information)
        .build();

    // The server calls this on every client, the sender included (ChatHub.send uses clients.all()).
    connection.on("addNewMessageToPage", (name, message) => addMessage(name, message));

    connection.onreconnecting(error => {
        setStatus("reconnecting", "Connection lost, reconnecting…" + describe(error));
        updateControls();
    });
    connection.onreconnected(() => {
        setStatus("connected", "Connected.");
        updateControls();
    });
    // Called when automatic reconnection gave up (or the server closed the connection): start over, slowly.
    connection.onclose(error => {
        setStatus("disconnected", "Disconnected." + describe(error) + " Retrying in 5 seconds…");
        updateControls();
        setTimeout(start, 5000);
    });

    // withAutomaticReconnect() does not cover the first start, so a server that is not up yet is retried here.
    async function start() {
        if (connection.state !== signalR.HubConnectionState.Disconnected) {
            return;
        }
        setStatus("connecting", "Connecting…");
        try {
            await connection.start();
            setStatus("connected", "Connected.");
            // The server knows who signed in (the sign-in cookie reaches the hub): no need to ask for a name.
            const user = await connection.invoke("userName");
            if (user) {
                signedIn(user);
            }
        } catch (error) {
            setStatus("error", "Could not connect." + describe(error) + " Retrying in 5 seconds…");
            setTimeout(start, 5000);
        }
        updateControls();
    }

    nameForm.addEventListener("submit", event => {
        event.preventDefault();
        const name = nameInput.value.trim();
        if (!name) {
            nameInput.focus();
            return;
        }
        // Per tab, so two tabs of one browser can be two people, and a reload keeps the name.
        sessionStorage.setItem("hubs-chat-name", name);
        useName(name);
    });

    // Signed in: the account's name, which the server uses for this user's messages whatever the page sends.
    function signedIn(user) {
        accountEl.textContent = "Signed in as " + user + ".";
        useName(user);
    }

    function useName(name) {
        myName = name;
        meEl.textContent = name;
        nameForm.hidden = true;
        messageForm.hidden = false;
        updateControls();
        messageInput.focus();
    }

    messageForm.addEventListener("submit", async event => {
        event.preventDefault();
        const text = messageInput.value.trim();
        if (!text || connection.state !== signalR.HubConnectionState.Connected) {
            return;
        }
        sendButton.disabled = true;
        try {
            // invoke() waits for the server's completion, so a failed hub call is reported here.
            await connection.invoke("send", myName, text);
            messageInput.value = "";
        } catch (error) {
            setStatus("error", "Your message was not sent." + describe(error));
        } finally {
            updateControls();
            messageInput.focus();
        }
    });

    // Every value from the network goes into the page as text (textContent), never as HTML.
    function addMessage(name, message) {
        const item = document.createElement("li");
        const time = document.createElement("time");
        const now = new Date();
        time.dateTime = now.toISOString();
        time.textContent = now.toLocaleTimeString();
        const who = document.createElement("span");
        who.className = "name";
        who.textContent = String(name);
        const text = document.createElement("span");
        text.textContent = String(message);
        item.append(time, who, text);
        messagesEl.append(item);
        item.scrollIntoView({block: "nearest"});
    }

    function setStatus(state, text) {
        statusEl.dataset.state = state;
        statusEl.textContent = text;
    }

    function updateControls() {
        sendButton.disabled = !myName || connection.state !== signalR.HubConnectionState.Connected;
    }

    function describe(error) {
        return error && error.message ? " (" + error.message + ")" : "";
    }

    nameInput.value = sessionStorage.getItem("hubs-chat-name") || "";
    start();
})();
