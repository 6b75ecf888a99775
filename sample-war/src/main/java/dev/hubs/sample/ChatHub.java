package dev.hubs.sample;

import dev.hubs.GroupManager;
import dev.hubs.Hub;
import dev.hubs.HubCallerClients;
import dev.hubs.HubCallerContext;
import dev.hubs.HubException;
import dev.hubs.OnConnected;
import dev.hubs.OnDisconnected;
import jakarta.inject.Inject;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The chat of the SignalR tutorials, grown into a small application: people join under a name (or their account's,
 * when signed in), talk to everyone, see who is online, meet in rooms, and hear announcements made from outside the
 * hub ({@link AnnouncementResource}).
 *
 * <p>Browsers connect to {@code /chathub} (relative to the context root) with the official {@code @microsoft/signalr}
 * client and call the public methods below with {@code connection.invoke(...)}; the server calls them back through
 * {@link ChatClient}. Because {@link Hub @Hub} is a bean-defining stereotype and the Hubs CDI extension sits in
 * {@code WEB-INF/lib}, this class needs no {@code beans.xml}, {@code web.xml} or listener.
 *
 * <p>Like every hub it is transient, one instance per invocation: who is online lives in the application-scoped
 * {@link ChatRoster}. Rooms are SignalR groups named {@code room/<name>}. Every method returns the stage of its
 * sends, so the caller's invocation completes once its messages are queued for their receivers, and a page that
 * waits for its {@code invoke} knows its message is on its way.
 *
 * <p>A signed-in user (the page's "Sign in" link, form login against the server's user registry) chats under the
 * name the server knows, whatever the page sends: a signed-in user cannot pose as someone else. Everything a page
 * sends is checked by {@link ChatRules}; a {@link HubException} tells the page what was wrong.
 */
@Hub("/chathub")
public class ChatHub {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    @Inject
    HubCallerClients<ChatClient> clients;

    @Inject
    HubCallerContext context;

    @Inject
    GroupManager groups;

    @Inject
    ChatRoster roster;

    /**
     * A new connection: a signed-in user joins at once (and everybody hears of it); anyone else first gets the
     * list of people online, and joins with {@link #join(String)}.
     *
     * @return the stage of the sends
     */
    @OnConnected
    public CompletionStage<Void> connected() {
        Optional<String> account = account();
        if (account.isPresent()) {
            return enter(account.get(), true);
        }
        return clients.caller().online(roster.snapshot());
    }

    /**
     * A connection has ended (the tab was closed, the network went away): the others hear that its person left,
     * once the person's last tab has gone, and its rooms hear it left them. The connection leaves its groups by
     * itself right after this method.
     *
     * @return the stage of the sends
     */
    @OnDisconnected
    public CompletionStage<Void> disconnected() {
        return roster.leave(context.connectionId()).map(left -> {
            String name = left.member().name();
            List<CompletionStage<Void>> sends = new ArrayList<>();
            for (String room : left.member().rooms()) {
                sends.add(clients.group(group(room)).leftRoom(room, name));
            }
            if (left.lastConnection()) {
                sends.add(clients.all().left(name));
            }
            sends.add(clients.all().online(left.online()));
            return all(sends);
        }).orElse(DONE);
    }

    /**
     * Tells a page about its own connection, right after it connected.
     *
     * @return its name (empty until it joined), whether it is signed in, and its transport as the server sees it
     */
    public Caller whoAmI() {
        Optional<String> account = account();
        String name = account.or(() -> roster.member(context.connectionId()).map(ChatRoster.Member::name)).orElse("");
        return new Caller(name, account.isPresent(), context.transport());
    }

    /**
     * Joins the chat under a name; everybody hears of it. A signed-in user has joined on connecting, under the
     * account's name, and this returns that name whatever was asked for.
     *
     * @param name the name to chat under
     * @return the name used
     * @throws HubException when the name is not acceptable ({@link ChatRules#name}) or the connection has joined
     *                      under another name already
     */
    public CompletionStage<String> join(String name) {
        Optional<String> account = account();
        if (account.isPresent()) {
            return CompletableFuture.completedFuture(account.get());
        }
        String chosen = ChatRules.name(name);
        return enter(chosen, false).thenApply(sent -> chosen);
    }

    /**
     * Sends a message to everyone: the tutorial's {@code addNewMessageToPage}, under the caller's name.
     *
     * @param message the text
     * @return the stage of the send
     * @throws HubException when the caller has not joined, or the message is not acceptable
     */
    public CompletionStage<Void> send(String message) {
        ChatRoster.Member me = me();
        return clients.all().addNewMessageToPage(me.name(), ChatRules.message(message));
    }

    /**
     * Enters a room (a group); its members, the caller included, hear of it.
     *
     * @param room the room, created by its first member
     * @return the room's canonical name (lower case, without '#')
     * @throws HubException when the caller has not joined, is in too many rooms, or the name is not acceptable
     */
    public CompletionStage<String> joinRoom(String room) {
        String name = ChatRules.room(room);
        ChatRoster.Member me = me();
        Optional<Online> changed = roster.enterRoom(context.connectionId(), name);
        if (changed.isEmpty()) {
            return CompletableFuture.completedFuture(name);
        }
        // The group first, so the notice below reaches the newcomer too.
        return groups.add(context.connectionId(), group(name))
                .thenCompose(added -> all(List.of(
                        clients.group(group(name)).joinedRoom(name, me.name()),
                        clients.all().online(changed.get()))))
                .thenApply(sent -> name);
    }

    /**
     * Leaves a room; its members, the caller included, hear of it. Leaving a room one is not in changes nothing.
     *
     * @param room the room
     * @return the stage of the sends
     * @throws HubException when the name is not acceptable
     */
    public CompletionStage<Void> leaveRoom(String room) {
        String name = ChatRules.room(room);
        Optional<ChatRoster.Member> me = roster.member(context.connectionId());
        Optional<Online> changed = roster.leaveRoom(context.connectionId(), name);
        if (me.isEmpty() || changed.isEmpty()) {
            return DONE;
        }
        // The notice before leaving the group, so the leaver's page sees it too.
        return clients.group(group(name)).leftRoom(name, me.get().name())
                .thenCompose(sent -> groups.remove(context.connectionId(), group(name)))
                .thenCompose(removed -> clients.all().online(changed.get()));
    }

    /**
     * Sends a message to the members of a room; only they receive it.
     *
     * @param room    the room, which the caller must be in
     * @param message the text
     * @return the stage of the send
     * @throws HubException when the caller is not in the room, or the message is not acceptable
     */
    public CompletionStage<Void> sendToRoom(String room, String message) {
        String name = ChatRules.room(room);
        ChatRoster.Member me = me();
        if (!me.rooms().contains(name)) {
            throw new HubException("Join #" + name + " before you talk in it.");
        }
        return clients.group(group(name)).addRoomMessage(name, me.name(), ChatRules.message(message));
    }

    /** Adds the caller to the roster and tells everybody: the join notice (once per person) and the new roster. */
    private CompletionStage<Void> enter(String name, boolean signedIn) {
        ChatRoster.Joined joined = roster.join(context.connectionId(), name, signedIn);
        List<CompletionStage<Void>> sends = new ArrayList<>();
        if (joined.firstConnection()) {
            sends.add(clients.all().joined(name));
        }
        sends.add(clients.all().online(joined.online()));
        return all(sends);
    }

    /** The caller's roster entry, or the error that asks it to join first. */
    private ChatRoster.Member me() {
        return roster.member(context.connectionId())
                .orElseThrow(() -> new HubException("Join the chat first: choose a name."));
    }

    /** The signed-in user's name: the principal of the request that opened the connection. */
    private Optional<String> account() {
        return context.principal().map(Principal::getName);
    }

    /** The SignalR group of a room. */
    static String group(String room) {
        return "room/" + room;
    }

    private static CompletionStage<Void> all(List<CompletionStage<Void>> stages) {
        return CompletableFuture.allOf(stages.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture<?>[]::new));
    }
}
