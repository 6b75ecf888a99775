package dev.hubs.it.fallback;

import dev.hubs.it.support.Await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A POST whose body the test sends piece by piece, as HTTP/1.1 chunks over a plain socket: the server starts
 * processing the request at its headers and reads the body as it comes, so the test can hold a POST "in progress"
 * for as long as it likes. (The JDK's HTTP client cannot do this: it reads a streamed body on its own threads, and a
 * body that blocks stalls every other request of that client.)
 */
final class ChunkedPost implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;

    /**
     * Sends the request line and headers.
     *
     * @param uri the hub URI with the connection's query
     */
    ChunkedPost(URI uri) {
        try {
            socket = new Socket(uri.getHost(), uri.getPort());
            socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
            out = socket.getOutputStream();
            write("POST " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Content-Type: text/plain;charset=UTF-8\r\n"
                    + "Transfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one chunk of the body. */
    void chunk(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(Integer.toHexString(bytes.length) + "\r\n");
        write(bytes);
        write("\r\n");
    }

    /**
     * Ends the body and reads the response's status.
     *
     * @return the status code
     */
    int end() {
        write("0\r\n\r\n");
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            String statusLine = in.readLine();
            if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
                throw new AssertionError("Not an HTTP response: " + statusLine);
            }
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String text) {
        write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // gone either way
        }
    }
}
