package dev.hubs.bench.load.ws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * A client socket driven by an {@link EventLoop}: connecting, gathering writes until the end of the loop's turn,
 * reading into the loop's shared buffer and keeping only the bytes of an incomplete message. Subclasses speak the
 * protocol ({@link WsConnection}, {@link HttpConnection}). Loop thread only.
 */
public abstract class LoopChannel {

    protected final EventLoop loop;
    protected final String host;
    protected final int port;
    SocketChannel channel;
    SelectionKey key;
    boolean dirty;
    private ByteBuffer out;
    private byte[] pending;
    private int pendingLength;
    private boolean open;

    protected LoopChannel(EventLoop loop, String host, int port) {
        this.loop = loop;
        this.host = host;
        this.port = port;
    }

    /** Opens the socket; {@link #onConnected} follows, or {@link #onFailure}. */
    protected final void openSocket() {
        try {
            SocketChannel socket = SocketChannel.open();
            socket.configureBlocking(false);
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel = socket;
            open = true;
            boolean connected = socket.connect(new InetSocketAddress(host, port));
            key = loop.register(socket, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
            if (connected) {
                onConnected();
            }
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    /** Whether the socket is open (connecting or connected). */
    protected final boolean socketOpen() {
        return open;
    }

    /** The socket is connected. */
    protected abstract void onConnected() throws IOException;

    /**
     * Consumes what it can of the bytes received.
     *
     * @return how many bytes were consumed; the rest is kept and offered again with what arrives next
     */
    protected abstract int onBytes(byte[] b, int offset, int length) throws IOException;

    /**
     * The server closed the connection (end of stream).
     */
    protected abstract void onEndOfStream();

    /**
     * The socket failed.
     *
     * @param error what happened
     */
    protected abstract void onFailure(Throwable error);

    /** Room for {@code more} bytes in the output buffer; what is put there leaves at the end of the turn. */
    protected final ByteBuffer output(int more) {
        if (out == null) {
            out = ByteBuffer.allocate(Math.max(256, more));
        } else if (out.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + more));
            out.flip();
            bigger.put(out);
            out = bigger;
        }
        if (!dirty) {
            dirty = true;
            loop.markDirty(this);
        }
        return out;
    }

    /** Writes what is buffered now rather than at the end of the turn. */
    protected final void flushNow() {
        try {
            flush();
        } catch (IOException e) {
            failed(e);
        }
    }

    /** Closes the socket; no callback. */
    protected final void closeSocket() {
        open = false;
        try {
            if (key != null) {
                key.cancel();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        out = null;
        pending = null;
        pendingLength = 0;
    }

    // ---------------------------------------------------------------- the loop's calls

    final void connectable() throws IOException {
        if (channel.finishConnect()) {
            key.interestOps(SelectionKey.OP_READ);
            onConnected();
        }
    }

    final void readable() throws IOException {
        ByteBuffer buffer = loop.readBuffer();
        SocketChannel socket = channel;
        // The subclass may close the socket while handling bytes, and even open a new one: stop reading then.
        while (open && channel == socket) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                closeSocket();
                onEndOfStream();
                return;
            }
            if (n == 0) {
                return;
            }
            byte[] array = buffer.array();
            if (pendingLength == 0) {
                int used = onBytes(array, 0, n);
                if (used < n && open && channel == socket) {
                    if (pending == null || pending.length < n - used) {
                        pending = new byte[Math.max(n - used, 1024)];
                    }
                    System.arraycopy(array, used, pending, 0, n - used);
                    pendingLength = n - used;
                }
            } else {
                if (pendingLength + n > pending.length) {
                    pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + n));
                }
                System.arraycopy(array, 0, pending, pendingLength, n);
                pendingLength += n;
                int used = onBytes(pending, 0, pendingLength);
                if (open && channel == socket && pending != null) {
                    System.arraycopy(pending, used, pending, 0, pendingLength - used);
                    pendingLength -= used;
                    if (pendingLength == 0 && pending.length > 64 * 1024) {
                        pending = null; // a large message went by: do not keep its buffer
                    }
                }
            }
            if (n < buffer.capacity()) {
                return;
            }
        }
    }

    final void flush() throws IOException {
        if (out == null || !open || channel == null || !channel.isConnected()) {
            return;
        }
        out.flip();
        channel.write(out);
        if (out.hasRemaining()) {
            out.compact();
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        } else {
            out.clear();
            if (key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) != 0) {
                key.interestOps(SelectionKey.OP_READ);
            }
            if (out.capacity() > 64 * 1024) {
                out = null; // a burst went by: do not keep its buffer
            }
        }
    }

    final void failed(Throwable error) {
        closeSocket();
        onFailure(error);
    }
}
