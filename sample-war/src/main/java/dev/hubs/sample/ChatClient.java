package dev.hubs.sample;

import java.util.concurrent.CompletionStage;

/**
 * What the server calls on the chat page: each method is a {@code connection.on(name, ...)} handler of
 * {@code js/chat.js}, called under the Java method's name. The hub gets it as {@code HubCallerClients<ChatClient>},
 * anything else as {@code HubContext<ChatHub>.clients(ChatClient.class)}.
 *
 * <p>Every method returns the stage of its send, which completes once the message is queued for every receiving
 * connection; a hub method that returns it completes its caller's invocation only then.
 */
public interface ChatClient {

    /**
     * A message to everyone: the method of the SignalR chat tutorial.
     *
     * @param name    who wrote it
     * @param message the text
     * @return the stage of the send
     */
    CompletionStage<Void> addNewMessageToPage(String name, String message);

    /**
     * A message to the members of a room.
     *
     * @param room    the room
     * @param name    who wrote it
     * @param message the text
     * @return the stage of the send
     */
    CompletionStage<Void> addRoomMessage(String room, String name, String message);

    /**
     * Someone joined the chat (their first connection).
     *
     * @param name their name
     * @return the stage of the send
     */
    CompletionStage<Void> joined(String name);

    /**
     * Someone left the chat (their last connection ended).
     *
     * @param name their name
     * @return the stage of the send
     */
    CompletionStage<Void> left(String name);

    /**
     * Someone joined a room; sent to the room's members, the newcomer included.
     *
     * @param room the room
     * @param name their name
     * @return the stage of the send
     */
    CompletionStage<Void> joinedRoom(String room, String name);

    /**
     * Someone left a room; sent to the room's members, the leaver included when it left by itself.
     *
     * @param room the room
     * @param name their name
     * @return the stage of the send
     */
    CompletionStage<Void> leftRoom(String room, String name);

    /**
     * Who is online now, and which rooms are in use.
     *
     * @param online the roster; a page keeps the one with the highest version
     * @return the stage of the send
     */
    CompletionStage<Void> online(Online online);

    /**
     * An announcement, pushed from outside the hub (the REST endpoint {@link AnnouncementResource}).
     *
     * @param from the signed-in user who posted it
     * @param text the text
     * @return the stage of the send
     */
    CompletionStage<Void> announcement(String from, String text);
}
