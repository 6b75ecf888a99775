// The sample chat page: talks to dev.hubs.sample.ChatHub through the official SignalR client (js/signalr.min.js).
// Everything that comes from the network goes into the page as text (textContent), never as HTML.
"use strict";

(() => {
    const $ = id => document.getElementById(id);
    const statusEl = $("status");
    const transportEl = $("transport");
    const accountEl = $("account");
    const nameForm = $("name-form");
    const nameInput = $("name");
    const joinButton = $("join");
    const nameError = $("name-error");
    const logEl = $("log");
    const messagesEl = $("messages");
    const messageForm = $("message-form");
    const targetSelect = $("target");
    const messageInput = $("message");
    const sendButton = $("send");
    const messageError = $("message-error");
    const meEl = $("me");
    const peopleEl = $("people");
    const peopleCountEl = $("people-count");
    const roomForm = $("room-form");
    const roomInput = $("room");
    const joinRoomButton = $("join-room");
    const roomError = $("room-error");
    const myRoomsEl = $("my-rooms");
    const openRoomsEl = $("open-rooms");

    if (typeof signalR === "undefined") {
        // The bundle is fetched from npm by the build's generate-resources phase, which liberty:run alone skips.
        setStatus("error", "The SignalR client (js/signalr.min.js) did not load. Start the sample with "
            + "./mvnw -pl sample-war -am generate-resources liberty:run (see sample-war/README.md).");
        return;
    }

    // Who this page is in the chat. The page keeps it across reconnections: a reconnected page is a new
    // connection to the server, which has forgotten the old one, so the page joins again, rooms included.
    const me = {name: "", rooms: []};
    // The version of the last roster shown; older snapshots that arrive late are ignored (see Online.java).
    let rosterVersion = -1;
    // The rooms in use, as the server last sent them.
    let openRooms = [];

    // The official client's automatic reconnect. Its default gives up after four attempts (0, 2, 10 and 30 s);
    // this policy keeps trying every 10 s for ten minutes, long enough for a server restart.
    const retryDelays = [0, 2000, 5000, 10000];
    const connection = new signalR.HubConnectionBuilder()
        // Relative: the hub is at <context root>/chathub, whatever the context root is.
        .withUrl("chathub")
        .withAutomaticReconnect({
            nextRetryDelayInMilliseconds: retry => retry.elapsedMilliseconds < 10 * 60 * 1000
                ? retryDelays[Math.min(retry.previousRetryCount, retryDelays.length - 1)]
                : null
        })
        .configureLogging(signalR.LogLevel.Warning)
        .build();

    // What the server calls: the methods of dev.hubs.sample.ChatClient.
    connection.on("addNewMessageToPage", (name, message) => addMessage("", name, message));
    connection.on("addRoomMessage", (room, name, message) => addMessage(room, name, message));
    connection.on("joined", name => addNotice(`${name} joined the chat.`));
    connection.on("left", name => addNotice(`${name} left the chat.`));
    connection.on("joinedRoom", (room, name) => addNotice(`${name} joined #${room}.`));
    connection.on("leftRoom", (room, name) => addNotice(`${name} left #${room}.`));
    connection.on("online", showRoster);
    connection.on("announcement", addAnnouncement);

    connection.onreconnecting(error => {
        // The next connection's roster starts again from its server's count (the server may have restarted).
        rosterVersion = -1;
        transportEl.textContent = "none";
        setStatus("reconnecting", "Connection lost, reconnecting…" + describe(error));
        addNotice("Connection lost. Reconnecting…");
        updateControls();
    });
    connection.onreconnected(() => afterConnecting(true));
    // Automatic reconnection gave up (or the server closed the connection): start over, slowly.
    connection.onclose(error => {
        rosterVersion = -1;
        transportEl.textContent = "none";
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
        } catch (error) {
            setStatus("error", "Could not connect." + describe(error) + " Retrying in 5 seconds…");
            updateControls();
            setTimeout(start, 5000);
            return;
        }
        await afterConnecting(false);
    }

    // Asks the server who this connection is and on which transport, then joins again after a reconnection.
    async function afterConnecting(again) {
        try {
            const caller = await connection.invoke("whoAmI");
            transportEl.textContent = caller.transport;
            if (caller.signedIn) {
                // The server knows who signed in (the sign-in cookie reaches the hub) and has joined us already.
                accountEl.textContent = `Signed in as ${caller.name}.`;
                showJoined(caller.name);
            } else if (me.name) {
                await connection.invoke("join", me.name);
            }
            for (const room of me.rooms) {
                await connection.invoke("joinRoom", room);
            }
            setStatus("connected", `${again ? "Reconnected" : "Connected"} over ${caller.transport}.`);
            if (again) {
                addNotice(`Reconnected over ${caller.transport}.`);
            }
        } catch (error) {
            setStatus("error", "Connected, but the chat did not answer: " + serverMessage(error));
        }
        updateControls();
    }

    nameForm.addEventListener("submit", async event => {
        event.preventDefault();
        nameError.textContent = "";
        const name = nameInput.value.trim();
        if (!name) {
            nameError.textContent = "Please choose a name.";
            nameInput.focus();
            return;
        }
        joinButton.disabled = true;
        try {
            // The server checks the name too, and answers with the name it will use.
            const used = await connection.invoke("join", name);
            // Per tab, so two tabs of one browser can be two people, and a reload offers the name again.
            sessionStorage.setItem("hubs-chat-name", used);
            showJoined(used);
        } catch (error) {
            nameError.textContent = serverMessage(error);
            nameInput.focus();
        } finally {
            updateControls();
        }
    });

    function showJoined(name) {
        me.name = name;
        meEl.textContent = name;
        nameForm.hidden = true;
        messageForm.hidden = false;
        roomForm.hidden = false;
        updateControls();
        messageInput.focus();
    }

    messageForm.addEventListener("submit", async event => {
        event.preventDefault();
        messageError.textContent = "";
        const text = messageInput.value.trim();
        if (!text || !isConnected()) {
            return;
        }
        const room = targetSelect.value;
        sendButton.disabled = true;
        try {
            // invoke() waits for the server's completion, so a refused message is reported here.
            if (room) {
                await connection.invoke("sendToRoom", room, text);
            } else {
                await connection.invoke("send", text);
            }
            messageInput.value = "";
        } catch (error) {
            messageError.textContent = "Not sent: " + serverMessage(error);
        } finally {
            updateControls();
            messageInput.focus();
        }
    });

    roomForm.addEventListener("submit", event => {
        event.preventDefault();
        joinRoom(roomInput.value);
    });

    async function joinRoom(requested) {
        roomError.textContent = "";
        try {
            // The server answers with the room's canonical name ("#Knitting" becomes "knitting").
            const room = await connection.invoke("joinRoom", requested);
            if (!me.rooms.includes(room)) {
                me.rooms.push(room);
                me.rooms.sort();
            }
            roomInput.value = "";
            showMyRooms();
            // Talk in the room just joined; "To" switches back to everyone.
            targetSelect.value = room;
        } catch (error) {
            roomError.textContent = serverMessage(error);
            roomInput.focus();
        }
    }

    async function leaveRoom(room) {
        roomError.textContent = "";
        try {
            await connection.invoke("leaveRoom", room);
            me.rooms = me.rooms.filter(other => other !== room);
            showMyRooms();
        } catch (error) {
            roomError.textContent = serverMessage(error);
        }
    }

    // The rooms this page is in: a Leave button each, and an entry each in the "To" list.
    function showMyRooms() {
        const selected = targetSelect.value;
        myRoomsEl.replaceChildren(...me.rooms.map(room => {
            const leave = button("Leave", `Leave #${room}`, () => leaveRoom(room));
            return listItem(text("span", "room", `#${room}`), leave);
        }));
        targetSelect.replaceChildren(new Option("Everyone", ""), ...me.rooms.map(room => new Option(`#${room}`, room)));
        targetSelect.value = me.rooms.includes(selected) ? selected : "";
        showOpenRooms();
    }

    function showRoster(online) {
        if (online.version <= rosterVersion) {
            return;
        }
        rosterVersion = online.version;
        peopleEl.replaceChildren(...online.people.map(person => {
            const item = listItem(text("span", "name", person.name));
            // An attribute set from script is never parsed as HTML.
            item.dataset.name = person.name;
            if (person.signedIn) {
                item.append(" ", text("span", "badge", "signed in"));
            }
            return item;
        }));
        peopleCountEl.textContent = `(${online.people.length})`;
        openRooms = online.rooms;
        showOpenRooms();
    }

    function showOpenRooms() {
        openRoomsEl.replaceChildren(...openRooms.map(room => {
            const item = listItem(text("span", "room", `#${room}`));
            if (me.name && !me.rooms.includes(room)) {
                item.append(" ", button("Join", `Join #${room}`, () => joinRoom(room)));
            }
            return item;
        }));
    }

    function addMessage(room, name, message) {
        const item = entry("message");
        if (room) {
            item.dataset.room = room;
            item.append(text("span", "room", `#${room}`), " ");
        }
        item.append(text("span", "name", name), " ", text("span", "text", message));
        show(item);
    }

    function addNotice(message) {
        const item = entry("notice");
        item.append(text("span", "text", message));
        show(item);
    }

    function addAnnouncement(from, message) {
        const item = entry("announcement");
        item.append(text("strong", "label", "Announcement"), " ", text("span", "name", from), " ",
            text("span", "text", message));
        show(item);
    }

    // A list entry with the time it arrived.
    function entry(kind) {
        const item = document.createElement("li");
        item.className = kind;
        const time = document.createElement("time");
        const now = new Date();
        time.dateTime = now.toISOString();
        time.textContent = now.toLocaleTimeString();
        item.append(time);
        return item;
    }

    // Keeps the newest entry in view unless the reader has scrolled up to read older ones.
    function show(item) {
        const atBottom = logEl.scrollHeight - logEl.scrollTop - logEl.clientHeight < 40;
        messagesEl.append(item);
        if (atBottom) {
            logEl.scrollTop = logEl.scrollHeight;
        }
    }

    function text(tag, className, value) {
        const element = document.createElement(tag);
        element.className = className;
        element.textContent = String(value);
        return element;
    }

    function listItem(...children) {
        const item = document.createElement("li");
        item.append(...children);
        return item;
    }

    function button(label, accessibleName, onClick) {
        const element = document.createElement("button");
        element.type = "button";
        element.className = "small";
        element.textContent = label;
        element.setAttribute("aria-label", accessibleName);
        element.addEventListener("click", onClick);
        return element;
    }

    function setStatus(state, message) {
        statusEl.dataset.state = state;
        statusEl.textContent = message;
    }

    function isConnected() {
        return connection.state === signalR.HubConnectionState.Connected;
    }

    function updateControls() {
        const connected = isConnected();
        joinButton.disabled = !connected;
        sendButton.disabled = !me.name || !connected;
        joinRoomButton.disabled = !me.name || !connected;
    }

    function describe(error) {
        return error && error.message ? ` (${error.message})` : "";
    }

    // The server sends a HubException's message after "HubException: "; other errors are shown as they are.
    function serverMessage(error) {
        const message = error && error.message ? error.message : String(error);
        const marker = "HubException: ";
        const at = message.lastIndexOf(marker);
        return at >= 0 ? message.substring(at + marker.length) : message;
    }

    nameInput.value = sessionStorage.getItem("hubs-chat-name") || "";
    start();
})();
