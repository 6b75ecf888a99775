package dev.hubs.sample;

import dev.hubs.HubException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Who is in the chat: one entry per connection that has joined, with its name and its rooms.
 *
 * <p>A hub is transient (a new instance for every invocation), so state that outlives an invocation lives in a
 * bean like this one: {@link ChatHub} fills it when a connection joins and empties it in its
 * {@code @OnDisconnected} method. Every method is {@code synchronized}: invocations of different connections run
 * at the same time, and each change must come with the snapshot of the roster right after it (its
 * {@link Online#version()} orders the snapshots for the pages). A chat's changes are rare enough for one lock.
 *
 * <p>The roster is this server's: with several servers over Redis (docs/scale-out.md) each would only know its own
 * connections, and a shared store (Redis itself, a database) would take its place.
 */
@ApplicationScoped
public class ChatRoster {

    /**
     * A connection that has joined.
     *
     * @param name     the name it chats under
     * @param signedIn whether that is its account's name
     * @param rooms    the rooms it is in
     */
    public record Member(String name, boolean signedIn, Set<String> rooms) {

        /** Copies {@code rooms}, so a member never changes. */
        public Member {
            rooms = Set.copyOf(rooms);
        }

        Person person() {
            return new Person(name, signedIn);
        }
    }

    /**
     * The outcome of a join.
     *
     * @param member          the member, as it joined
     * @param firstConnection whether nobody of that name and kind was in the chat before (another tab of the same
     *                        person is not announced again)
     * @param online          the roster right after the join
     */
    public record Joined(Member member, boolean firstConnection, Online online) {
    }

    /**
     * The outcome of a connection's leaving.
     *
     * @param member         the member that left, with its rooms
     * @param lastConnection whether that was the person's last connection
     * @param online         the roster right after
     */
    public record Left(Member member, boolean lastConnection, Online online) {
    }

    private final Map<String, Member> members = new HashMap<>();
    private long version;

    /**
     * Adds a connection under a name. Joining again under the same name changes nothing.
     *
     * @param connectionId the connection
     * @param name         its name, already checked ({@link ChatRules#name})
     * @param signedIn     whether it is the account's name
     * @return the outcome
     * @throws HubException when the connection has already joined under another name
     */
    public synchronized Joined join(String connectionId, String name, boolean signedIn) {
        Member current = members.get(connectionId);
        if (current != null) {
            if (!current.name().equals(name)) {
                throw new HubException("You have already joined as " + current.name() + ".");
            }
            return new Joined(current, false, snapshot());
        }
        Member member = new Member(name, signedIn, Set.of());
        boolean first = members.values().stream().noneMatch(other -> other.person().equals(member.person()));
        members.put(connectionId, member);
        return new Joined(member, first, changed());
    }

    /**
     * The member of a connection.
     *
     * @param connectionId the connection
     * @return its entry, empty when it has not joined
     */
    public synchronized Optional<Member> member(String connectionId) {
        return Optional.ofNullable(members.get(connectionId));
    }

    /**
     * Puts a member into a room.
     *
     * @param connectionId the connection, which must have joined
     * @param room         the room, already checked ({@link ChatRules#room})
     * @return the roster after the change, empty when the member was in the room already
     * @throws HubException when the connection has not joined or is in too many rooms
     */
    public synchronized Optional<Online> enterRoom(String connectionId, String room) {
        Member member = joined(connectionId);
        if (member.rooms().contains(room)) {
            return Optional.empty();
        }
        if (member.rooms().size() >= ChatRules.ROOMS_PER_CONNECTION) {
            throw new HubException("You are in " + ChatRules.ROOMS_PER_CONNECTION + " rooms already: leave one first.");
        }
        members.put(connectionId, new Member(member.name(), member.signedIn(),
                Stream.concat(member.rooms().stream(), Stream.of(room)).collect(Collectors.toSet())));
        return Optional.of(changed());
    }

    /**
     * Takes a member out of a room.
     *
     * @param connectionId the connection
     * @param room         the room
     * @return the roster after the change, empty when the connection was not in the room
     */
    public synchronized Optional<Online> leaveRoom(String connectionId, String room) {
        Member member = members.get(connectionId);
        if (member == null || !member.rooms().contains(room)) {
            return Optional.empty();
        }
        members.put(connectionId, new Member(member.name(), member.signedIn(),
                member.rooms().stream().filter(other -> !other.equals(room)).collect(Collectors.toSet())));
        return Optional.of(changed());
    }

    /**
     * Removes a connection, when it has ended.
     *
     * @param connectionId the connection
     * @return the outcome, empty when the connection had not joined
     */
    public synchronized Optional<Left> leave(String connectionId) {
        Member member = members.remove(connectionId);
        if (member == null) {
            return Optional.empty();
        }
        boolean last = members.values().stream().noneMatch(other -> other.person().equals(member.person()));
        return Optional.of(new Left(member, last, changed()));
    }

    /**
     * The roster as it is.
     *
     * @return who is online, and the rooms in use
     */
    public synchronized Online snapshot() {
        List<Person> people = members.values().stream()
                .map(Member::person)
                .distinct()
                .sorted(Comparator.comparing(Person::name, String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(Person::name)
                        .thenComparing(Person::signedIn))
                .toList();
        List<String> rooms = List.copyOf(members.values().stream()
                .flatMap(member -> member.rooms().stream())
                .collect(Collectors.toCollection(TreeSet::new)));
        return new Online(version, people, rooms);
    }

    private Member joined(String connectionId) {
        Member member = members.get(connectionId);
        if (member == null) {
            throw new HubException("Join the chat first: choose a name.");
        }
        return member;
    }

    private Online changed() {
        version++;
        return snapshot();
    }
}
