package dev.hubs.sample;

import java.util.List;

/**
 * Who is in the chat at one moment, sent to every page whenever it changes.
 *
 * <p>Two changes made at nearly the same time are sent as two snapshots that may reach a page in either order: the
 * page keeps the snapshot with the highest {@code version}, which counts every change since the server started.
 *
 * @param version the number of changes so far
 * @param people  everyone who has joined, sorted by name, each name once however many tabs they have open
 * @param rooms   the rooms that have members, sorted
 */
public record Online(long version, List<Person> people, List<String> rooms) {
}
