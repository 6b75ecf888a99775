package dev.hubs.sample;

/**
 * Someone in the chat, as the page's list of people online shows them.
 *
 * @param name     the name they chat under
 * @param signedIn whether the name is the one of their account (the page marks it), rather than one they chose
 */
public record Person(String name, boolean signedIn) {
}
