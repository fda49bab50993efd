package io.wsconnector.testsupport;

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
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket client speaking RFC 6455 by hand over a plain socket, to send what the JDK's client refuses to:
 * handshakes with chosen headers, raw HTTP requests, chosen fragmentation, pings and pongs, frames unmasked or
 * over a limit (see {@link Frames}). Blocking; every read gives up after {@value #TIMEOUT_MILLIS} ms unless the
 * test changes it.
 */
public final class RawWebSocketClient implements Closeable {
    /** How long a read waits, in milliseconds: {@link Await#TIMEOUT}. */
    public static final int TIMEOUT_MILLIS = 10_000;

    // the opcodes of RFC 6455, section 5.2, as ints: a test also sends the reserved ones
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** RFC 6455, section 1.3: appended to the key before hashing it into {@code Sec-WebSocket-Accept}. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /**
     * A frame received from the server: its RSV bits ({@code 0x70} of the first byte) and the width of its length
     * field in bits (7, 16 or 64), besides FIN, opcode and payload.
     */
    public record Frame(boolean fin, int opcode, byte[] payload, int rsv, int lengthFieldBits) {
        public Frame(boolean fin, int opcode, byte[] payload) {
            this(fin, opcode, payload, 0, payload.length < 126 ? 7 : payload.length < 65536 ? 16 : 64);
        }

        /** The payload as UTF-8. */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame, or 1005 if it has none. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        /** The reason of a close frame, or {@code ""}. */
        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }

        @Override
        public String toString() {
            return "Frame[fin=" + fin + ", opcode=" + opcode + ", " + payload.length + " bytes"
                    + (opcode == CLOSE ? ", close " + closeCode() + " '" + closeReason() + "'" : "") + "]";
        }
    }

    /** An HTTP response's status line and headers (names in lower case). */
    public record HttpResponse(int status, String statusLine, Map<String, String> headers) {
    }

    /** An opening handshake the server refused: its response (status line and headers) and body. */
    public record Refusal(HttpResponse response, String body) {
        /** The response's status. */
        public int status() {
            return response.status();
        }
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
     * {@code "Sec-WebSocket-Protocol: chat"}); fails unless the server answers 101 correctly. The response is
     * kept: {@link #handshakeResponse()}.
     */
    public static RawWebSocketClient connect(int port, String pathAndQuery, String... extraHeaderLines)
            throws IOException {
        return upgrade(open(port, 0), pathAndQuery, extraHeaderLines);
    }

    /**
     * Like {@link #connect}, with the socket's receive buffer set to {@code receiveBufferBytes} before it
     * connects, so that the TCP window stays that small: a client that then stops reading soon stalls the
     * server's writes (the server cannot send more than its own send buffer and this window).
     */
    public static RawWebSocketClient connectWithReceiveBuffer(int port, String pathAndQuery, int receiveBufferBytes)
            throws IOException {
        return upgrade(open(port, receiveBufferBytes), pathAndQuery);
    }

    /**
     * Sends an opening handshake with these extra header lines on a new connection, expecting the server to
     * refuse it: fails if it answers 101 (or nothing); otherwise returns the response with its body.
     */
    public static Refusal refused(int port, String pathAndQuery, String... extraHeaderLines) throws IOException {
        try (RawWebSocketClient client = open(port)) {
            HttpResponse response = client.handshake(pathAndQuery, extraHeaderLines);
            if (response.status() == 101) {
                throw new AssertionError("the handshake for " + pathAndQuery + " was accepted: " + response);
            }
            return new Refusal(response, client.readBody(response));
        } catch (EOFException e) {
            throw new AssertionError("the server closed the connection without an HTTP response (" + e.getMessage() + ")");
        }
    }

    /** Opens a socket without any handshake, e.g. to send a plain HTTP request with {@link #request}. */
    public static RawWebSocketClient open(int port) throws IOException {
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

    private static RawWebSocketClient upgrade(RawWebSocketClient client, String pathAndQuery,
                                              String... extraHeaderLines) throws IOException {
        try {
            HttpResponse response = client.handshake(pathAndQuery, extraHeaderLines);
            if (response.status() != 101) {
                throw new IOException("handshake refused: " + response.statusLine() + " " + client.readBody(response));
            }
            return client;
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * Sends the opening handshake on this connection, with these extra header lines, and reads the status line
     * and headers of the answer (the body of a refusal: {@link #readBody}). A 101 must carry the right
     * {@code Sec-WebSocket-Accept}; it is kept as {@link #handshakeResponse()}.
     */
    public HttpResponse handshake(String pathAndQuery, String... extraHeaderLines) throws IOException {
        String key = newKey();
        HttpResponse response = request(handshakeRequest(socket.getPort(), pathAndQuery, key, extraHeaderLines));
        if (response.status() == 101) {
            String accept = response.headers().get("sec-websocket-accept");
            if (!expectedAccept(key).equals(accept)) {
                throw new IOException("wrong Sec-WebSocket-Accept " + accept + ", expected " + expectedAccept(key));
            }
            handshakeResponse = response;
        }
        return response;
    }

    /** The opening handshake request of RFC 6455, section 4.1, with the given key and extra header lines. */
    public static String handshakeRequest(int port, String pathAndQuery, String key, String... extraHeaderLines) {
        StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\n"
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
    public static String newKey() {
        return Base64.getEncoder().encodeToString(Frames.randomBytes(16));
    }

    /** The {@code Sec-WebSocket-Accept} value a server must answer to this key (RFC 6455, section 4.2.2). */
    public static String expectedAccept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** The server's answer to the opening handshake that succeeded: status line and headers. */
    public HttpResponse handshakeResponse() {
        return handshakeResponse;
    }

    /** Writes a raw HTTP request and reads the status line and headers of the response (not the body). */
    public HttpResponse request(String rawRequest) throws IOException {
        out.write(rawRequest.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readResponse();
    }

    /** Reads the status line and headers of an HTTP response (not the body). */
    public HttpResponse readResponse() throws IOException {
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
     * Reads the body of a response whose headers {@link #readResponse} read: {@code Content-Length} bytes, or,
     * without it, whatever arrives until the server closes the connection or goes quiet.
     */
    public String readBody(HttpResponse response) throws IOException {
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

    /** The socket, e.g. to reset it ({@code setSoLinger(true, 0)}) or half-close it. */
    public Socket socket() {
        return socket;
    }

    /** Changes how long each read waits before it fails with a {@link SocketTimeoutException}; 0 for ever. */
    public RawWebSocketClient readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
        return this;
    }

    /** Writes these bytes as they are: partial frames, several frames at once, garbage. */
    public RawWebSocketClient writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends one frame with every bit chosen; see {@link Frames#encode(int, boolean, byte[])}. */
    public RawWebSocketClient sendFrame(int firstByte, boolean masked, byte[] payload) throws IOException {
        return writeRaw(Frames.encode(firstByte, masked, payload));
    }

    /** Sends one masked frame, as a client must. */
    public RawWebSocketClient sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        return sendFrame((fin ? 0x80 : 0) | opcode, true, payload);
    }

    /** Sends one masked frame with this text as its payload. */
    public RawWebSocketClient sendFrame(boolean fin, int opcode, String utf8) throws IOException {
        return sendFrame(fin, opcode, utf8.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a whole text message in one frame. */
    public RawWebSocketClient sendText(String text) throws IOException {
        return sendFrame(true, TEXT, text);
    }

    /** Sends a text message as one frame per part: TEXT, then CONTINUATION frames, the last with FIN. */
    public RawWebSocketClient sendTextFragments(String... parts) throws IOException {
        for (int i = 0; i < parts.length; i++) {
            sendFrame(i == parts.length - 1, i == 0 ? TEXT : CONTINUATION, parts[i]);
        }
        return this;
    }

    /**
     * Sends a message in frames of {@code fragmentSize} bytes (the last may be shorter), written in large batches
     * rather than one write per frame.
     */
    public RawWebSocketClient sendFragmented(int opcode, byte[] message, int fragmentSize) throws IOException {
        ByteArrayOutputStream batch = new ByteArrayOutputStream(1 << 20);
        int offset = 0;
        do {
            int length = Math.min(fragmentSize, message.length - offset);
            boolean fin = offset + length == message.length;
            batch.writeBytes(Frames.encode((fin ? 0x80 : 0) | (offset == 0 ? opcode : CONTINUATION), true,
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

    /** Sends a close frame with this code and reason. */
    public RawWebSocketClient sendClose(int statusCode, String reason) throws IOException {
        byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + reasonBytes.length];
        payload[0] = (byte) (statusCode >>> 8);
        payload[1] = (byte) statusCode;
        System.arraycopy(reasonBytes, 0, payload, 2, reasonBytes.length);
        return sendFrame(true, CLOSE, payload);
    }

    /** Reads the next frame from the server, which must not be masked. */
    public Frame readFrame() throws IOException {
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

    /** Reads the next frame, waiting at most this long. */
    public Frame readFrame(int timeoutMillis) throws IOException {
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

    /** Reads one whole text message (no control frames expected in between). */
    public String readText() throws IOException {
        Frame frame = readFrame();
        if (frame.opcode() != TEXT) {
            throw new AssertionError("expected a text frame, got " + frame
                    + (frame.opcode() == CLOSE ? "" : ": " + frame.text()));
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(frame.payload());
        while (!frame.fin()) {
            frame = readFrame();
            if (frame.opcode() != CONTINUATION) {
                throw new AssertionError("expected a continuation frame, got " + frame);
            }
            message.writeBytes(frame.payload());
        }
        return message.toString(StandardCharsets.UTF_8);
    }

    /** Reads frames until a close frame, failing on any data frame on the way (pongs are skipped). */
    public Frame readClose() throws IOException {
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

    /** Reads frames until the server ends the connection, and returns them; fails on a read timeout. */
    public List<Frame> readFramesUntilEndOfStream() throws IOException {
        List<Frame> frames = new ArrayList<>();
        while (true) {
            try {
                frames.add(readFrame());
            } catch (EOFException | SocketException e) {
                return frames;
            }
        }
    }

    /**
     * Reads frames until the server ends the TCP connection (end of stream or reset), and returns them; fails
     * with an {@link AssertionError} naming the frames read so far if it does not end within
     * {@code timeoutMillis}.
     */
    public List<Frame> readFramesUntilEndOfStream(int timeoutMillis) throws IOException {
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
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the server kept sending for " + timeoutMillis + " ms: " + frames);
            }
        }
    }

    /** Whether the server has closed the TCP connection: reads until end of stream, skipping any frames. */
    public boolean awaitEndOfStream() throws IOException {
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

    /** Whether the server ends the TCP connection within {@code timeoutMillis}, skipping anything it sends. */
    public boolean awaitEndOfStream(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        return awaitEndOfStream();
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
}
