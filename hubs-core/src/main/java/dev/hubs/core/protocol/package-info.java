/**
 * The SignalR hub protocol: one small record per message, the handshake, and the JSON encoding.
 *
 * <p>Messages are transport-neutral: a transport hands the connection the text it received, and takes text back.
 * The JSON encoding ends every record with the ASCII record separator {@code 0x1E}; one frame may carry several
 * records, and within a record the properties may come in any order.
 */
package dev.hubs.core.protocol;
