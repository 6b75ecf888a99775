package dev.hubs.core.protocol;

/**
 * The first record a client sends: which protocol it will speak.
 *
 * @param protocol the protocol name, for example {@code "json"}
 * @param version  the protocol version
 */
public record HandshakeRequest(String protocol, int version) {
}
