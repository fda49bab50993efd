package io.wsconnector.runtime;

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
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket client speaking RFC 6455 by hand over a plain socket: handshakes with chosen headers, HTTP
 * responses with their bodies, pings and pongs. Every read gives up after {@value #TIMEOUT_MILLIS} ms.
 */
final class RawClient implements Closeable {
    static final int TIMEOUT_MILLIS = 10_000;

    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A frame from the server.
     *
     * @param fin  whether it ends its message
     * @param rsv1 whether RSV1 is set: the first frame of a compressed message (RFC 7692)
     */
    record Frame(int opcode, byte[] payload, boolean fin, boolean rsv1) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }

        @Override
        public String toString() {
            return "Frame[opcode=" + opcode + ", " + (opcode == CLOSE ? "close " + closeCode() + " '" + closeReason() + "'"
                    : "'" + text() + "'") + "]";
        }
    }

    /** An HTTP response: status, headers (names in lower case) and body. */
    record HttpResponse(int status, Map<String, String> headers, String body) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawClient open(int port) throws IOException {
        return open(port, 0);
    }

    /**
     * @param receiveBuffer the socket's receive buffer in bytes, set before connecting (so that a client
     *                      that stops reading stalls the server soon); 0 for the system's default
     */
    static RawClient open(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            return new RawClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Connects and performs the opening handshake; fails unless the server answers 101. */
    static RawClient connect(int port, String pathAndQuery, String... extraHeaderLines) throws IOException {
        return connect(port, 0, pathAndQuery, extraHeaderLines);
    }

    /** Connects with this receive buffer (see {@link #open(int, int)}) and performs the opening handshake. */
    static RawClient connect(int port, int receiveBuffer, String pathAndQuery, String... extraHeaderLines)
            throws IOException {
        RawClient client = open(port, receiveBuffer);
        try {
            HttpResponse response = client.handshake(port, pathAndQuery, extraHeaderLines);
            if (response.status() != 101) {
                throw new IOException("handshake refused: " + response);
            }
            return client;
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * Sends an opening handshake with these extra header lines and reads the response: headers only for a
     * 101, headers and body otherwise.
     */
    HttpResponse handshake(int port, String pathAndQuery, String... extraHeaderLines) throws IOException {
        String key = Base64.getEncoder().encodeToString(randomBytes(16));
        StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n");
        for (String line : extraHeaderLines) {
            request.append(line).append("\r\n");
        }
        HttpResponse response = request(request.append("\r\n").toString());
        if (response.status() == 101 && !accept(key).equals(response.headers().get("sec-websocket-accept"))) {
            throw new IOException("wrong Sec-WebSocket-Accept in " + response);
        }
        return response;
    }

    /** Writes a raw HTTP request and reads the response; the body only if the status is not 101. */
    HttpResponse request(String rawRequest) throws IOException {
        out.write(rawRequest.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
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
        int status = Integer.parseInt(parts[1]);
        String body = "";
        if (status != 101 && headers.containsKey("content-length")) {
            byte[] bytes = new byte[Integer.parseInt(headers.get("content-length"))];
            in.readFully(bytes);
            body = new String(bytes, StandardCharsets.UTF_8);
        }
        return new HttpResponse(status, headers, body);
    }

    /** The socket's local port, which the server sees as the remote one. */
    int localPort() {
        return socket.getLocalPort();
    }

    /** Sends one masked frame with FIN set. */
    RawClient send(int opcode, byte[] payload) throws IOException {
        return sendFrame(0x80 | opcode, payload);
    }

    /**
     * Sends one masked frame.
     *
     * @param first the first byte: FIN (0x80), RSV1 to RSV3 (0x40, 0x20, 0x10) and the opcode
     */
    RawClient sendFrame(int first, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(first);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift));
            }
        }
        byte[] mask = randomBytes(4);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        out.write(frame.toByteArray());
        out.flush();
        return this;
    }

    RawClient send(int opcode, String utf8) throws IOException {
        return send(opcode, utf8.getBytes(StandardCharsets.UTF_8));
    }

    RawClient sendText(String text) throws IOException {
        return send(TEXT, text);
    }

    RawClient sendClose(int code, String reason) throws IOException {
        byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + reasonBytes.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(reasonBytes, 0, payload, 2, reasonBytes.length);
        return send(CLOSE, payload);
    }

    /** Reads the next frame from the server (unfragmented frames only). */
    Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        if ((second & 0x80) != 0) {
            throw new IOException("the server masked a frame");
        }
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0F, payload, (first & 0x80) != 0, (first & 0x40) != 0);
    }

    /** Reads the next frame, which must be a text frame, and returns its text. */
    String readText() throws IOException {
        Frame frame = readFrame();
        if (frame.opcode() != TEXT) {
            throw new AssertionError("expected a text frame, got " + frame);
        }
        return frame.text();
    }

    /** Reads frames until a close frame, skipping others. */
    Frame readClose() throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame.opcode() == CLOSE) {
                return frame;
            }
        }
    }

    /** How long a read waits before it fails with a {@link java.net.SocketTimeoutException}. */
    void setReadTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Whether the server ends the TCP connection within this time (anything it sends is skipped). */
    boolean awaitEndOfStream(int millis) throws IOException {
        socket.setSoTimeout(millis);
        byte[] sink = new byte[8192];
        try {
            while (in.read(sink) >= 0) {
                // skip
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException | EOFException e) {
            return true;
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
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
