package dev.hubs.spi;

/**
 * The wire format the connections of a hub speak, as a backplane sees it: it serializes a message once on the
 * server that sends it, carries those bytes to the other servers, and hands them to their connections as they are.
 *
 * <p>Hubs gives one to each {@link HubLifetimeManagerFactory} (see {@link HubLifetimeManagerFactory.Context}); it
 * shares its cache with the hub's connections, so a message serialized here is not serialized again for the local
 * connections that receive it, and a message made by {@link #deserialize} is written by them without being
 * serialized again. Thread-safe.
 */
public interface InvocationSerializer {

    /**
     * The name of the format, as in the SignalR handshake.
     *
     * @return for example {@code json}
     */
    String protocol();

    /**
     * The serialized form of an invocation, exactly as the hub's connections write it (for the JSON protocol: one
     * record, separator included, in UTF-8). Computed once per invocation and remembered in it.
     *
     * @param invocation the invocation
     * @return the bytes; the caller must not change them
     */
    byte[] serialize(ClientInvocation invocation);

    /**
     * An invocation that carries bytes made by {@link #serialize} (on this server or another one running the same
     * application): the hub's connections write it as it is, without serializing it again. Its method and arguments
     * are decoded only if something asks for them.
     *
     * @param serialized bytes made by {@link #serialize}
     * @return the invocation
     */
    ClientInvocation deserialize(byte[] serialized);
}
