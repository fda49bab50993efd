package io.wsconnector.tests;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket client speaking RFC 6455 by hand over a plain socket, to send what the JDK client refuses
 * to: chosen fragmentation, pings, frames over a limit, raw HTTP requests. Blocking; every read gives up
 * after {@value #TIMEOUT_MILLIS} ms.
 */
final class RawWebSocketClient implements Closeable {
    static final int TIMEOUT_MILLIS = 10_000;

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A frame received from the server: its RSV bits ({@code 0x70} of the first byte) and the width of its
     * length field in bits (7, 16 or 64), besides FIN, opcode and payload.
     */
    record Frame(boolean fin, int opcode, byte[] payload, int rsv, int lengthFieldBits) {
        Frame(boolean fin, int opcode, byte[] payload) {
            this(fin, opcode, payload, 0, payload.length < 126 ? 7 : payload.length < 65536 ? 16 : 64);
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame, or 1005 if it has none. */
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }

        @Override
        public String toString() {
            return "Frame[fin=" + fin + ", opcode=" + opcode + ", " + payload.length + " bytes"
                    + (opcode == CLOSE ? ", close " + closeCode() + " '" + closeReason() + "'" : "") + "]";
        }
    }

    /** An HTTP response's status line and headers (names in lower case). */
    record HttpResponse(int status, String statusLine, Map<String, String> headers) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private HttpResponse handshakeResponse;

    private RawWebSocketClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /**
     * Opens a socket and performs the opening handshake, with these extra header lines (e.g.
     * {@code "Sec-WebSocket-Protocol: chat"}); fails unless the server answers 101 correctly. The response
     * is kept: {@link #handshakeResponse()}.
     */
    static RawWebSocketClient connect(int port, String path, String... extraHeaderLines) throws IOException {
        return handshake(open(port), port, path, extraHeaderLines);
    }

    /**
     * Like {@link #connect}, with the socket's receive buffer set to {@code receiveBufferBytes} before it
     * connects, so that the TCP window stays that small: a client that then stops reading soon stalls the
     * server's writes (the server cannot send more than its own send buffer and this window).
     */
    static RawWebSocketClient connectWithReceiveBuffer(int port, String path, int receiveBufferBytes)
            throws IOException {
        return handshake(open(port, receiveBufferBytes), port, path);
    }

    private static RawWebSocketClient handshake(RawWebSocketClient client, int port, String path,
                                                String... extraHeaderLines) throws IOException {
        try {
            String key = Base64.getEncoder().encodeToString(randomBytes(16));
            HttpResponse response = client.request(handshakeRequest(port, path, key, extraHeaderLines));
            if (response.status() != 101) {
                throw new IOException("handshake refused: " + response.statusLine() + " " + client.readBody(response));
            }
            String expectedAccept = accept(key);
            if (!expectedAccept.equals(response.headers().get("sec-websocket-accept"))) {
                throw new IOException("wrong Sec-WebSocket-Accept " + response.headers().get("sec-websocket-accept")
                        + ", expected " + expectedAccept);
            }
            client.handshakeResponse = response;
            return client;
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** An opening handshake the server refused: its response (status line and headers) and body. */
    record Refusal(HttpResponse response, String body) {
        int status() {
            return response.status();
        }
    }

    /**
     * Sends an opening handshake with these extra header lines on a new connection, expecting the server to
     * refuse it: fails if it answers 101 (or nothing); otherwise returns the response with its body.
     */
    static Refusal refused(int port, String path, String... extraHeaderLines) throws IOException {
        try (RawWebSocketClient client = open(port)) {
            HttpResponse response = client.request(handshakeRequest(port, path, newKey(), extraHeaderLines));
            if (response.status() == 101) {
                throw new AssertionError("the handshake for " + path + " was accepted: " + response);
            }
            return new Refusal(response, client.readBody(response));
        } catch (EOFException e) {
            throw new AssertionError("the server closed the connection without an HTTP response (" + e.getMessage() + ")");
        }
    }

    /** Opens a socket without any handshake, e.g. to send a plain HTTP request with {@link #request}. */
    static RawWebSocketClient open(int port) throws IOException {
        return open(port, 0);
    }

    /** Opens a socket whose receive buffer is set before connecting, unless {@code receiveBufferBytes} is 0. */
    private static RawWebSocketClient open(int port, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        try {
            if (receiveBufferBytes > 0) {
                socket.setReceiveBufferSize(receiveBufferBytes); // before connect: it sets the window scale
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            return new RawWebSocketClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Writes a raw HTTP request and reads the status line and headers of the response (not the body). */
    HttpResponse request(String rawRequest) throws IOException {
        out.write(rawRequest.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readResponse();
    }

    /** Reads the status line and headers of an HTTP response (not the body). */
    HttpResponse readResponse() throws IOException {
        String statusLine = readLine();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return new HttpResponse(Integer.parseInt(parts[1]), statusLine, headers);
    }

    /**
     * Reads the body of a response whose headers {@link #readResponse} read: {@code Content-Length} bytes,
     * or, without it, whatever arrives until the server closes the connection or goes quiet.
     */
    String readBody(HttpResponse response) throws IOException {
        String contentLength = response.headers().get("content-length");
        if (contentLength != null) {
            byte[] body = new byte[Integer.parseInt(contentLength.trim())];
            in.readFully(body);
            return new String(body, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int previousTimeout = socket.getSoTimeout();
        socket.setSoTimeout(500);
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                body.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | SocketException e) {
            // quiet, or reset: the body is what arrived
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(previousTimeout);
            }
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    /** The opening handshake request of RFC 6455, section 4.1, with the given key and extra header lines. */
    static String handshakeRequest(int port, String path, String key, String... extraHeaderLines) {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n");
        for (String line : extraHeaderLines) {
            request.append(line).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    /** A fresh random {@code Sec-WebSocket-Key}. */
    static String newKey() {
        return Base64.getEncoder().encodeToString(randomBytes(16));
    }

    /** The {@code Sec-WebSocket-Accept} value a server must answer to this key (RFC 6455, section 4.2.2). */
    static String expectedAccept(String key) {
        return accept(key);
    }

    /** The server's answer to the opening handshake of {@link #connect}: status line and headers. */
    HttpResponse handshakeResponse() {
        return handshakeResponse;
    }

    /** The socket, e.g. to reset it ({@code setSoLinger(true, 0)}) or half-close it. */
    Socket socket() {
        return socket;
    }

    /** Changes how long each read waits before it fails with a {@link SocketTimeoutException}. */
    RawWebSocketClient readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
        return this;
    }

    /** Writes these bytes as they are: partial frames, several frames at once, garbage. */
    RawWebSocketClient writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /**
     * Encodes one frame as a client would, but with every bit chosen: {@code firstByte} holds FIN, RSV and
     * the opcode as they go on the wire; {@code masked} says whether the MASK bit is set and the payload
     * masked; the length is encoded in the fewest bytes.
     */
    static byte[] encodeFrame(int firstByte, boolean masked, byte[] payload) {
        return encodeFrame(firstByte, masked, payload, 0, payload.length);
    }

    static byte[] encodeFrame(int firstByte, boolean masked, byte[] payload, int offset, int length) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(length + 14);
        frame.writeBytes(frameHeader(firstByte, masked, length));
        byte[] mask = masked ? randomBytes(4) : null;
        if (masked) {
            frame.writeBytes(mask);
        }
        byte[] body = new byte[length];
        for (int i = 0; i < length; i++) {
            body[i] = masked ? (byte) (payload[offset + i] ^ mask[i & 3]) : payload[offset + i];
        }
        frame.writeBytes(body);
        return frame.toByteArray();
    }

    /** The first bytes of a frame up to (not including) the masking key, the length in the fewest bytes. */
    static byte[] frameHeader(int firstByte, boolean masked, long length) {
        int maskBit = masked ? 0x80 : 0;
        if (length < 126) {
            return new byte[] {(byte) firstByte, (byte) (maskBit | length)};
        }
        if (length <= 0xFFFF) {
            return new byte[] {(byte) firstByte, (byte) (maskBit | 126), (byte) (length >>> 8), (byte) length};
        }
        return header64(firstByte, masked, length);
    }

    /** A frame header with a 64-bit length field holding exactly {@code rawLength}, whatever its value. */
    static byte[] header64(int firstByte, boolean masked, long rawLength) {
        byte[] header = new byte[10];
        header[0] = (byte) firstByte;
        header[1] = (byte) ((masked ? 0x80 : 0) | 127);
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (rawLength >>> (56 - 8 * i));
        }
        return header;
    }

    /** Sends one frame with every bit chosen; see {@link #encodeFrame(int, boolean, byte[])}. */
    RawWebSocketClient sendFrame(int firstByte, boolean masked, byte[] payload) throws IOException {
        return writeRaw(encodeFrame(firstByte, masked, payload));
    }

    /**
     * Sends a message in frames of {@code fragmentSize} bytes (the last may be shorter), written in large
     * batches rather than one write per frame.
     */
    RawWebSocketClient sendFragmented(int opcode, byte[] message, int fragmentSize) throws IOException {
        ByteArrayOutputStream batch = new ByteArrayOutputStream(1 << 20);
        int offset = 0;
        do {
            int length = Math.min(fragmentSize, message.length - offset);
            boolean fin = offset + length == message.length;
            batch.writeBytes(encodeFrame((fin ? 0x80 : 0) | (offset == 0 ? opcode : CONTINUATION), true,
                    message, offset, length));
            offset += length;
            if (batch.size() >= (1 << 20) || fin) {
                batch.writeTo(out);
                batch.reset();
            }
        } while (offset < message.length);
        out.flush();
        return this;
    }

    /** Reads the next frame, waiting at most this long. */
    Frame readFrame(int timeoutMillis) throws IOException {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout(timeoutMillis);
        try {
            return readFrame();
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(previous);
            }
        }
    }

    /**
     * Reads frames until the server ends the TCP connection (end of stream or reset), and returns them;
     * fails with an {@link AssertionError} naming the frames read so far if it does not end within
     * {@code timeoutMillis}.
     */
    List<Frame> readFramesUntilEndOfStream(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        List<Frame> frames = new ArrayList<>();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            try {
                frames.add(readFrame());
            } catch (EOFException | SocketException e) {
                return frames;
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server did not end the TCP connection within " + timeoutMillis
                        + " ms; frames received: " + frames);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server kept sending for " + timeoutMillis + " ms: " + frames);
            }
        }
    }

    /** Whether the server ends the TCP connection within {@code timeoutMillis}, skipping anything it sends. */
    boolean awaitEndOfStream(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        return awaitEndOfStream();
    }

    /** Sends one masked frame, exactly as given. */
    RawWebSocketClient sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            long length = payload.length;
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (length >>> shift));
            }
        }
        byte[] mask = randomBytes(4);
        frame.write(mask);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        frame.write(masked);
        out.write(frame.toByteArray());
        out.flush();
        return this;
    }

    RawWebSocketClient sendFrame(boolean fin, int opcode, String utf8) throws IOException {
        return sendFrame(fin, opcode, utf8.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a whole text message in one frame. */
    RawWebSocketClient sendText(String text) throws IOException {
        return sendFrame(true, TEXT, text);
    }

    /** Sends a text message as one frame per part: TEXT, then CONTINUATION frames, the last with FIN. */
    RawWebSocketClient sendTextFragments(String... parts) throws IOException {
        for (int i = 0; i < parts.length; i++) {
            sendFrame(i == parts.length - 1, i == 0 ? TEXT : CONTINUATION, parts[i]);
        }
        return this;
    }

    RawWebSocketClient sendClose(int statusCode, String reason) throws IOException {
        byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + reasonBytes.length];
        payload[0] = (byte) (statusCode >>> 8);
        payload[1] = (byte) statusCode;
        System.arraycopy(reasonBytes, 0, payload, 2, reasonBytes.length);
        return sendFrame(true, CLOSE, payload);
    }

    /** Reads the next frame from the server, which must not be masked. */
    Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        if ((second & 0x80) != 0) {
            throw new IOException("the server masked a frame");
        }
        long length = second & 0x7F;
        int lengthFieldBits = 7;
        if (length == 126) {
            length = in.readUnsignedShort();
            lengthFieldBits = 16;
        } else if (length == 127) {
            length = in.readLong();
            lengthFieldBits = 64;
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("frame too long: " + length);
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame((first & 0x80) != 0, first & 0x0F, payload, first & 0x70, lengthFieldBits);
    }

    /** Reads frames until a close frame, failing on any data frame on the way (pongs are skipped). */
    Frame readClose() throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame.opcode() == CLOSE) {
                return frame;
            }
            if (frame.opcode() != PONG) {
                throw new AssertionError("expected a close frame, got " + frame + ": " + frame.text());
            }
        }
    }

    /** Reads one whole text message (no control frames expected in between). */
    String readText() throws IOException {
        Frame frame = readFrame();
        if (frame.opcode() != TEXT) {
            throw new AssertionError("expected a text frame, got " + frame
                    + (frame.opcode() == CLOSE ? "" : ": " + frame.text()));
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write(frame.payload());
        while (!frame.fin()) {
            frame = readFrame();
            if (frame.opcode() != CONTINUATION) {
                throw new AssertionError("expected a continuation frame, got " + frame);
            }
            message.write(frame.payload());
        }
        return message.toString(StandardCharsets.UTF_8);
    }

    /** Reads frames until the server ends the connection, and returns them; fails on a read timeout. */
    List<Frame> readFramesUntilEndOfStream() throws IOException {
        List<Frame> frames = new ArrayList<>();
        while (true) {
            try {
                frames.add(readFrame());
            } catch (EOFException | SocketException e) {
                return frames;
            }
        }
    }

    /** Whether the server has closed the TCP connection: reads until end of stream, skipping any frames. */
    boolean awaitEndOfStream() throws IOException {
        byte[] sink = new byte[8192];
        try {
            while (in.read(sink) >= 0) {
                // discard
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // a reset ends the stream too
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the middle of an HTTP response: " + line);
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(Arrays.copyOf(bytes, length), StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
