package dev.hubs.core.protocol;

import jakarta.json.JsonException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import java.io.StringReader;
import java.util.Map;

/**
 * Reads the handshake request and writes the handshake response. The handshake is always JSON, whatever protocol
 * it selects.
 */
public final class HandshakeProtocol {

    /** The success response, separator included. */
    public static final String SUCCESS = "{}" + RecordSeparator.STRING;

    private final JsonParserFactory parsers;

    /**
     * Creates the reader.
     *
     * @param provider the JSON-P provider
     */
    public HandshakeProtocol(JsonProvider provider) {
        this.parsers = provider.createParserFactory(Map.of());
    }

    /**
     * Reads a handshake request record (without its separator).
     *
     * @param record the record
     * @return the request
     * @throws HubProtocolException when the record is not a handshake request
     */
    public HandshakeRequest parse(String record) {
        String protocol = null;
        Integer version = null;
        try (JsonParser parser = parsers.createParser(new StringReader(record))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new HubProtocolException("Unexpected JSON Token Type. Expected a JSON Object.");
            }
            JsonParser.Event event;
            while ((event = parser.next()) != JsonParser.Event.END_OBJECT) {
                if (event != JsonParser.Event.KEY_NAME) {
                    throw new HubProtocolException("Unexpected token when reading handshake request JSON.");
                }
                String key = parser.getString();
                JsonParser.Event value = parser.next();
                if ("protocol".equals(key)) {
                    if (value != JsonParser.Event.VALUE_STRING) {
                        throw new HubProtocolException("Expected 'protocol' to be of type String.");
                    }
                    protocol = parser.getString();
                } else if ("version".equals(key)) {
                    if (value == JsonParser.Event.VALUE_NULL) {
                        continue; // null counts as missing
                    }
                    if (value != JsonParser.Event.VALUE_NUMBER || !parser.isIntegralNumber()) {
                        throw new HubProtocolException("Expected 'version' to be of type Number.");
                    }
                    try {
                        version = parser.getBigDecimal().intValueExact();
                    } catch (ArithmeticException e) {
                        throw new HubProtocolException("Expected 'version' to be of type Number.", e);
                    }
                } else {
                    JsonSkipping.skipValue(parser, value);
                }
            }
            if (parser.hasNext()) {
                throw new HubProtocolException("Unexpected content after the handshake request.");
            }
        } catch (HubProtocolException e) {
            throw e;
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException | ArithmeticException
                 | NumberFormatException e) {
            throw new HubProtocolException("Error reading the handshake request JSON.", e);
        }
        if (protocol == null) {
            throw new HubProtocolException("Missing required property 'protocol'.");
        }
        if (version == null) {
            throw new HubProtocolException("Missing required property 'version'.");
        }
        return new HandshakeRequest(protocol, version);
    }

    /**
     * Writes a failed handshake response, separator included.
     *
     * @param error the error text the client shows
     * @return the record
     */
    public static String error(String error) {
        return "{\"error\":" + JsonText.quote(error) + "}" + RecordSeparator.STRING;
    }
}
