package io.wsconnector.runtime;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import com.jcraft.jzlib.GZIPException;
import com.jcraft.jzlib.JZlib;
import io.wsconnector.runtime.deflate.DeflateAudit;
import io.wsconnector.testsupport.RawWebSocketClient;

/**
 * A client of permessage-deflate (RFC 7692) over a {@link RawWebSocketClient}, with its own zlib: it offers the
 * extension, keeps to what the server answered, compresses what it sends (the JDK's zlib, or JZlib for a
 * window under 32 KiB, which the JDK's cannot keep to) in frames of a chosen size, and inflates what it
 * receives. Every compressed message received is also decoded by {@link DeflateAudit}, which checks that
 * the server kept to the window and the context agreed.
 */
final class DeflateClient implements Closeable {
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};

    /**
     * A whole message from the server, inflated if it came compressed.
     *
     * @param wire its payload as it came, joined from its frames
     */
    record Message(int opcode, byte[] data, boolean compressed, byte[] wire) {
    }

    private final RawWebSocketClient raw;
    private final String agreement;
    private final boolean serverResets;
    private final boolean clientResets;
    private final int serverWindowBits;
    private final Deflater jdkCompressor;
    private final com.jcraft.jzlib.Deflater smallWindowCompressor;
    private final Inflater inflater = new Inflater(true);
    private final DeflateAudit.History history = new DeflateAudit.History();

    private DeflateClient(RawWebSocketClient raw, String agreement, int clientWindowBits) throws GZIPException {
        this.raw = raw;
        this.agreement = agreement;
        this.serverResets = agreement != null && agreement.contains("server_no_context_takeover");
        this.clientResets = agreement != null && agreement.contains("client_no_context_takeover");
        int window = agreement == null ? -1 : agreement.indexOf("server_max_window_bits=");
        this.serverWindowBits = window < 0 ? 15
                : Integer.parseInt(agreement.substring(window + 23).split("[;, ]")[0]);
        if (clientWindowBits < 15) {
            jdkCompressor = null;
            smallWindowCompressor = new com.jcraft.jzlib.Deflater(6, clientWindowBits, 8, JZlib.W_NONE);
        } else {
            jdkCompressor = new Deflater(6, true);
            smallWindowCompressor = null;
        }
    }

    /**
     * Connects, offering {@code offer} in {@code Sec-WebSocket-Extensions} ({@code null}: no header).
     *
     * @param clientWindowBits the window this client compresses with, 9 to 15
     */
    static DeflateClient connect(int port, String path, String offer, int clientWindowBits) throws IOException {
        RawWebSocketClient raw = RawWebSocketClient.open(port);
        try {
            RawWebSocketClient.HttpResponse response = offer == null ? raw.handshake(path)
                    : raw.handshake(path, "Sec-WebSocket-Extensions: " + offer);
            if (response.status() != 101) {
                throw new IOException("handshake refused: " + response);
            }
            return new DeflateClient(raw, response.headers().get("sec-websocket-extensions"), clientWindowBits);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    static DeflateClient connect(int port, String path, String offer) throws IOException {
        return connect(port, path, offer, 15);
    }

    /** The server's {@code Sec-WebSocket-Extensions}; {@code null} if it declined. */
    String agreement() {
        return agreement;
    }

    /** Whether RSV1 is set on the frame: the first frame of a compressed message (RFC 7692). */
    static boolean rsv1(RawWebSocketClient.Frame frame) {
        return (frame.rsv() & 0x40) != 0;
    }

    RawWebSocketClient raw() {
        return raw;
    }

    /** Sends a message compressed, in frames of at most {@code frameSize} bytes, RSV1 on the first only. */
    void sendCompressed(int opcode, byte[] message, int frameSize) throws IOException {
        sendFragments(opcode, compress(message), frameSize, true);
    }

    /** Sends a message uncompressed, in one frame. */
    void sendUncompressed(int opcode, byte[] message) throws IOException {
        sendFragments(opcode, message, Integer.MAX_VALUE, false);
    }

    private void sendFragments(int opcode, byte[] payload, int frameSize, boolean compressed) throws IOException {
        int at = 0;
        boolean first = true;
        do {
            int length = Math.min(frameSize, payload.length - at);
            boolean last = at + length == payload.length;
            int firstByte = (last ? 0x80 : 0) | (first && compressed ? 0x40 : 0) | (first ? opcode : 0);
            raw.sendFrame(firstByte, true, Arrays.copyOfRange(payload, at, at + length));
            at += length;
            first = false;
        } while (at < payload.length);
    }

    /** Compresses as RFC 7692 section 7.2.1 says: flushed, the tail removed; reset after if agreed. */
    byte[] compress(byte[] message) {
        byte[] out = new byte[message.length + message.length / 8 + 64];
        int length;
        if (jdkCompressor != null) {
            jdkCompressor.setInput(message);
            length = jdkCompressor.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
            if (clientResets) {
                jdkCompressor.reset();
            }
        } else {
            smallWindowCompressor.setInput(message, 0, message.length, false);
            smallWindowCompressor.setOutput(out, 0, out.length);
            smallWindowCompressor.deflate(clientResets ? JZlib.Z_FULL_FLUSH : JZlib.Z_SYNC_FLUSH);
            length = smallWindowCompressor.getNextOutIndex();
        }
        if (length < 4 || length == out.length) {
            throw new IllegalStateException("the client's compression did not flush: " + length);
        }
        return Arrays.copyOf(out, length - 4);
    }

    /** Reads the next whole message, joining its frames and inflating it if it is compressed. */
    Message receive() throws IOException {
        RawWebSocketClient.Frame first = raw.readFrame();
        if (first.opcode() == RawWebSocketClient.CLOSE) {
            throw new IOException("closed by the server: " + first);
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(first.payload());
        RawWebSocketClient.Frame frame = first;
        while (!frame.fin()) {
            frame = raw.readFrame();
            if (rsv1(frame)) {
                throw new IOException("RSV1 on a continuation frame from the server");
            }
            payload.writeBytes(frame.payload());
        }
        byte[] data = payload.toByteArray();
        if (!rsv1(first)) {
            return new Message(first.opcode(), data, false, data);
        }
        if (agreement == null) {
            throw new IOException("RSV1 from a server that declined permessage-deflate");
        }
        return new Message(first.opcode(), inflate(data), true, data);
    }

    private byte[] inflate(byte[] compressed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 4);
        byte[] chunk = new byte[16 * 1024];
        try {
            inflater.setInput(compressed);
            drain(chunk, out);
            inflater.setInput(TAIL);
            drain(chunk, out);
        } catch (DataFormatException e) {
            throw new IOException("the server sent invalid DEFLATE data", e);
        }
        if (serverResets) {
            inflater.reset();
        }
        byte[] message = out.toByteArray();
        if (serverResets || serverWindowBits < 15) {
            // the server kept to the window agreed, and without context takeover referred to no earlier message
            DeflateAudit.Result audited = DeflateAudit.decode(serverResets ? new byte[0] : history.bytes(), compressed);
            if (!Arrays.equals(audited.message(), message) || audited.longestDistance() > 1 << serverWindowBits) {
                throw new IOException("the server's DEFLATE data reaches " + audited.longestDistance()
                        + " bytes back; the window agreed is " + (1 << serverWindowBits));
            }
        }
        history.add(message);
        return message;
    }

    private void drain(byte[] chunk, ByteArrayOutputStream out) throws DataFormatException {
        int count;
        while ((count = inflater.inflate(chunk)) > 0) {
            out.write(chunk, 0, count);
        }
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        if (jdkCompressor != null) {
            jdkCompressor.end();
        }
        raw.close();
    }
}
