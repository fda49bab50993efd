package io.wsconnector.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * A WebSocket load generator on one thread: {@code java.nio} selector, many connections, each keeping up to
 * {@code pipeline} messages in flight. Every connection does a real RFC 6455 handshake (random
 * {@code Sec-WebSocket-Key}, checks {@code 101} and {@code Sec-WebSocket-Accept}), masks every frame with a
 * fresh random key, and checks every echo byte for byte against what it sent: each payload starts with
 * 16 ASCII hex digits naming its connection and sequence number, and the rest is one of 8 fixed random
 * patterns chosen by the sequence number, so an echo that is altered, lost, duplicated, reordered or
 * crossed with another connection's is counted as a mismatch. Latency, from the moment a frame is queued
 * for the socket to the moment its echo is parsed, goes into an HDR histogram (nanoseconds).
 *
 * <p>The runner steers it from another thread: {@link #awaitOpen}, {@link #resume}, {@link #pause},
 * {@link #awaitDrained}, {@link #intervalHistogram}. All waits are bounded; the loop also stops itself after
 * {@link Config#maxLifetime}.
 */
final class LoadGenerator implements AutoCloseable {
    static final String WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int HEADER_DIGITS = 16;
    /** Where the digits are in a JSON payload: in the value of its first field, {@code "id"}. */
    private static final int JSON_HEADER_OFFSET = "{\"id\":\"".length();
    /** Where the 16 digits start in each payload. */
    private final int headerOffset;
    private static final int TEMPLATES = 8;
    private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int MAX_FRAME = 64 * 1024 * 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static final int CONNECTING = 0;
    private static final int HANDSHAKING = 1;
    private static final int OPEN = 2;
    private static final int CLOSING = 3;
    private static final int CLOSED = 4;

    /**
     * What to run.
     *
     * @param messagesPerConnection how many messages each connection sends in all, 0 for no limit
     * @param maxPendingHandshakes  connections being opened at once
     * @param maxLifetime           the loop gives up (and fails) after this long
     * @param deflate               permessage-deflate offered (and required) in this mode, or null for none
     */
    record Config(String host, int port, String path, int connections, int pipeline, int payloadBytes,
                  PayloadKind kind, long messagesPerConnection, int maxPendingHandshakes, Duration maxLifetime,
                  DeflateMode deflate) {
        Config {
            if (connections < 1 || connections > 65535) {
                throw new IllegalArgumentException("connections must be 1..65535");
            }
            if (pipeline < 1) {
                throw new IllegalArgumentException("pipeline must be at least 1");
            }
            if (payloadBytes < HEADER_DIGITS || payloadBytes > MAX_FRAME) {
                throw new IllegalArgumentException("payload must be " + HEADER_DIGITS + ".." + MAX_FRAME + " bytes");
            }
        }

        /** The same, to another path (another endpoint of the same server). */
        Config withPath(String otherPath) {
            return new Config(host, port, otherPath, connections, pipeline, payloadBytes, kind, messagesPerConnection,
                    maxPendingHandshakes, maxLifetime, deflate);
        }

        static Config of(String host, int port, int connections, int pipeline, int payloadBytes, PayloadKind kind) {
            return new Config(host, port, EchoServers.PATH, connections, pipeline, payloadBytes, kind, 0, 100,
                    Duration.ofMinutes(10), null);
        }

        Config withMessagesPerConnection(long n) {
            return new Config(host, port, path, connections, pipeline, payloadBytes, kind, n, maxPendingHandshakes,
                    maxLifetime, deflate);
        }

        /** Offers permessage-deflate in this mode (null: not at all), compresses and inflates every message. */
        Config withDeflate(DeflateMode mode) {
            return new Config(host, port, path, connections, pipeline, payloadBytes, kind, messagesPerConnection,
                    maxPendingHandshakes, maxLifetime, mode);
        }
    }

    private final Config config;
    private final Selector selector;
    private final Thread thread;
    private final SingleWriterRecorder recorder = new SingleWriterRecorder(1, MAX_LATENCY_NANOS, 3);
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final AtomicLong echoed = new AtomicLong();
    private final AtomicLong mismatches = new AtomicLong();
    /** Bytes written to and read from the sockets, handshakes included. */
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    /** With deflate agreed: echoes that came back without RSV1 (sent uncompressed). */
    private final AtomicLong uncompressedEchoes = new AtomicLong();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean sending;
    /** Bumped by each {@link #resume()}, so that the loop refills every pipeline even after a quick pause/resume. */
    private volatile int resumes;
    private volatile boolean closeRequested;
    private volatile int openConnections;
    private volatile long inFlightTotal;

    // owned by the loop thread
    private final Conn[] conns;
    private final byte[][] templates = new byte[TEMPLATES][];
    private final byte[] digits = new byte[HEADER_DIGITS];
    private final SecureRandom secureRandom = new SecureRandom();
    /** With deflate: the payload before compression, and the compressor/inflater side. */
    private final byte[] plain;
    private final ClientDeflate deflate;
    private int nextToOpen;
    private int pending;
    private int resumesSeen;
    private long maskState;

    private LoadGenerator(Config config) throws IOException {
        this.config = config;
        this.selector = Selector.open();
        this.conns = new Conn[config.connections()];
        Random patterns = new Random(0x5eedL + config.payloadBytes());
        this.headerOffset = config.kind() == PayloadKind.JSON_MOVE ? JSON_HEADER_OFFSET : 0;
        for (int t = 0; t < TEMPLATES; t++) {
            byte[] p = new byte[config.payloadBytes()];
            if (config.kind() == PayloadKind.JSON) {
                JsonLike.fill(p, patterns);
            } else if (config.kind() == PayloadKind.JSON_MOVE) {
                p = jsonTemplate(patterns, config.payloadBytes());
            }
            boolean random = config.kind() == PayloadKind.TEXT || config.kind() == PayloadKind.BINARY;
            for (int i = 0; random && i < p.length; i++) {
                p[i] = config.kind() == PayloadKind.TEXT ? (byte) (0x21 + patterns.nextInt(0x7e - 0x21 + 1))
                        : (byte) patterns.nextInt(256);
            }
            templates[t] = p;
        }
        this.deflate = config.deflate() == null ? null : new ClientDeflate(config.deflate(), config.payloadBytes());
        this.plain = config.deflate() == null ? null : new byte[config.payloadBytes()];
        do {
            maskState = secureRandom.nextLong();
        } while (maskState == 0);
        this.thread = new Thread(this::run, "loadgen");
        this.thread.setDaemon(true);
    }

    /**
     * A {@link JsonMessages.Move} of exactly {@code size} bytes, as avaje-jsonb writes it (fields in component
     * order, no spaces), its {@code id} 16 placeholder digits and its {@code note} padded with random letters.
     */
    static byte[] jsonTemplate(Random random, int size) {
        String start = "{\"id\":\"" + "0".repeat(HEADER_DIGITS) + "\",\"type\":\"move\",\"player\":\"player-"
                + random.nextInt(10_000) + "\",\"x\":" + (random.nextInt(2000) - 1000) + ",\"y\":"
                + (random.nextInt(2000) - 1000) + ",\"z\":" + random.nextInt(100) + ",\"tick\":"
                + (1_000_000_000L + random.nextInt(1_000_000)) + ",\"running\":" + random.nextBoolean() + ",\"note\":\"";
        String end = "\"}";
        int padding = size - start.length() - end.length();
        if (padding < 0) {
            throw new IllegalArgumentException("a JSON payload needs at least " + (start.length() + end.length())
                    + " bytes");
        }
        StringBuilder note = new StringBuilder(padding);
        for (int i = 0; i < padding; i++) {
            note.append((char) ('a' + random.nextInt(26)));
        }
        return (start + note + end).getBytes(StandardCharsets.US_ASCII);
    }

    /** Starts the loop thread, which opens the connections (see {@link #awaitOpen}). */
    static LoadGenerator start(Config config) throws IOException {
        LoadGenerator generator = new LoadGenerator(config);
        generator.thread.start();
        return generator;
    }

    // ------------------------------------------------------------------ control, from any thread

    void awaitOpen(Duration timeout) {
        awaitCondition(() -> openConnections >= config.connections(), timeout,
                () -> "only " + openConnections + " of " + config.connections() + " connections opened");
    }

    /** Starts (or restarts) sending: each connection fills its pipeline and refills it on every echo. */
    void resume() {
        sending = true;
        resumes++; // only the runner's thread calls this
        selector.wakeup();
    }

    /** Stops sending new messages; those in flight still come back and are checked. */
    void pause() {
        sending = false;
        selector.wakeup();
    }

    /** After {@link #pause()}: waits until every message sent has come back. */
    void awaitDrained(Duration timeout) {
        awaitCondition(() -> !sending && inFlightTotal == 0, timeout,
                () -> inFlightTotal + " messages never came back");
    }

    void awaitEchoed(long count, Duration timeout) {
        awaitCondition(() -> echoed.get() >= count, timeout,
                () -> "only " + echoed.get() + " of " + count + " echoes came back");
    }

    /** The latencies (ns) recorded since the previous call: call once to start a window, once to end it. */
    Histogram intervalHistogram() {
        return recorder.getIntervalHistogram();
    }

    /** CPU time used by the load generator's thread so far, or -1 if the JVM cannot tell. */
    long cpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        return mx.isThreadCpuTimeSupported() ? mx.getThreadCpuTime(thread.threadId()) : -1;
    }

    long echoed() {
        return echoed.get();
    }

    long mismatches() {
        return mismatches.get();
    }

    /** Bytes written to the sockets so far (every connection, handshakes included). */
    long bytesSent() {
        return bytesSent.get();
    }

    /** Bytes read from the sockets so far (every connection, handshakes included). */
    long bytesReceived() {
        return bytesReceived.get();
    }

    /** With deflate agreed: echoes the server sent uncompressed (RSV1 clear), so far. */
    long uncompressedEchoes() {
        return uncompressedEchoes.get();
    }

    /** The first thing that went wrong (a mismatch, an I/O error, an unexpected close), or null. */
    String failure() {
        return failure.get();
    }

    /** Throws if anything went wrong so far. */
    void check() {
        String f = failure.get();
        if (f != null) {
            throw new BenchException("load generator: " + f + " (mismatched echoes: " + mismatches.get() + ")");
        }
    }

    /**
     * Sleeps for {@code duration}, waking every 50 ms to stop early (with an exception) if something failed.
     */
    void sleepChecking(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (true) {
            check();
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            sleepNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
        }
    }

    /** Closes every connection (close frame 1000, then the socket) and ends the loop; waits at most ~10 s. */
    @Override
    public void close() {
        closeRequested = true;
        selector.wakeup();
        try {
            if (!finished.await(10, TimeUnit.SECONDS)) {
                thread.interrupt();
                finished.await(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitCondition(BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            check();
            if (finished.getCount() == 0) {
                throw new BenchException("load generator stopped: " + what.get());
            }
            if (System.nanoTime() > end) {
                throw new BenchException("timed out after " + timeout.toMillis() + " ms: " + what.get());
            }
            sleepNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        check();
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    private void fail(String message) {
        failure.compareAndSet(null, message);
    }

    // ------------------------------------------------------------------ the loop

    private void run() {
        long deadline = System.nanoTime() + config.maxLifetime().toNanos();
        try {
            while (!closeRequested) {
                if (System.nanoTime() - deadline > 0) {
                    fail("the load generator ran past its limit of " + config.maxLifetime());
                    break;
                }
                openMore();
                selector.select(5);
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
                int r = resumes;
                if (r != resumesSeen && sending) {
                    resumesSeen = r;
                    for (Conn c : conns) {
                        if (c != null && c.state == OPEN) {
                            c.fill();
                            c.flushQuietly();
                        }
                    }
                }
            }
            closeGracefully();
        } catch (Throwable e) {
            fail("load generator crashed: " + e);
        } finally {
            for (Conn c : conns) {
                if (c != null) {
                    c.closeChannel();
                }
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            if (deflate != null) {
                deflate.end();
            }
            finished.countDown();
        }
    }

    private void openMore() {
        while (nextToOpen < conns.length && pending < config.maxPendingHandshakes()) {
            Conn c = new Conn(nextToOpen);
            conns[nextToOpen++] = c;
            pending++;
            try {
                c.connect();
            } catch (IOException e) {
                c.failed("cannot connect to " + config.host() + ":" + config.port() + ": " + e);
            }
        }
    }

    private void handle(SelectionKey key) {
        Conn c = (Conn) key.attachment();
        try {
            if (key.isValid() && key.isConnectable() && c.channel.finishConnect()) {
                c.connected();
            }
            if (key.isValid() && key.isReadable()) {
                c.readable();
            }
            if (key.isValid() && key.isWritable()) {
                c.flush();
            }
        } catch (IOException e) {
            c.failed("I/O error on connection " + c.id + ": " + e);
        }
    }

    private void closeGracefully() {
        sending = false;
        for (Conn c : conns) {
            if (c != null) {
                if (c.state == OPEN) {
                    c.sendClose();
                } else if (c.state < OPEN) {
                    c.closeChannel();
                }
            }
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() - end < 0 && !Thread.currentThread().isInterrupted()) {
            boolean anyClosing = false;
            for (Conn c : conns) {
                if (c != null && c.state == CLOSING) {
                    anyClosing = true;
                    break;
                }
            }
            if (!anyClosing) {
                return;
            }
            try {
                selector.select(10);
            } catch (IOException e) {
                return;
            }
            for (SelectionKey key : selector.selectedKeys()) {
                handle(key);
            }
            selector.selectedKeys().clear();
        }
    }

    private int nextMask() {
        int mask;
        do {
            long x = maskState;
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            maskState = x;
            mask = (int) (x >>> 16);
        } while (mask == 0);
        return mask;
    }

    private void writeDigits(int connection, long seq) {
        for (int i = 3; i >= 0; i--) {
            digits[i] = HEX[connection & 0xf];
            connection >>>= 4;
        }
        for (int i = HEADER_DIGITS - 1; i >= 4; i--) {
            digits[i] = HEX[(int) (seq & 0xf)];
            seq >>>= 4;
        }
    }

    // ------------------------------------------------------------------ one connection

    private final class Conn {
        final int id;
        SocketChannel channel;
        SelectionKey key;
        int state = CONNECTING;
        ByteBuffer in = ByteBuffer.allocate(Math.max(4096, 2 * (config.payloadBytes() + 14))); // grows if need be
        ByteBuffer out = ByteBuffer.allocate(Math.max(4096, config.pipeline() * (config.payloadBytes() + 14) + 512));
        String expectedAccept;
        final long[] sendTimes = new long[config.pipeline()];
        long nextSeq;
        long expectedSeq;
        int inFlight;
        long sentCount;
        int neededCapacity;
        ByteBuffer assembly;
        /** Whether the message being assembled had RSV1 on its first frame (compressed). */
        boolean assemblyCompressed;
        /** With context takeover: this connection's compressor and inflater, from its first message on. */
        Deflater ownDeflater;
        Inflater ownInflater;
        int interest = -1;

        Conn(int id) {
            this.id = id;
        }

        void connect() throws IOException {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            key = channel.register(selector, SelectionKey.OP_CONNECT, this);
            if (channel.connect(new InetSocketAddress(config.host(), config.port()))) {
                connected();
            }
        }

        void connected() throws IOException {
            state = HANDSHAKING;
            byte[] nonce = new byte[16];
            secureRandom.nextBytes(nonce);
            String wsKey = Base64.getEncoder().encodeToString(nonce);
            expectedAccept = acceptFor(wsKey);
            String request = "GET " + config.path() + " HTTP/1.1\r\n"
                    + "Host: " + config.host() + ":" + config.port() + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + wsKey + "\r\n"
                    + (deflate == null ? "" : "Sec-WebSocket-Extensions: " + deflate.mode.offer + "\r\n")
                    + "Sec-WebSocket-Version: 13\r\n\r\n";
            out.put(request.getBytes(StandardCharsets.US_ASCII));
            flush();
        }

        void readable() throws IOException {
            for (int reads = 0; reads < 8; reads++) {
                int n = channel.read(in);
                if (n > 0) {
                    bytesReceived.lazySet(bytesReceived.get() + n);
                }
                if (n < 0) {
                    eof();
                    return;
                }
                boolean full = !in.hasRemaining();
                in.flip();
                long now = System.nanoTime();
                if (state == HANDSHAKING) {
                    handshakeResponse();
                }
                if (state >= OPEN && state != CLOSED) {
                    frames(now);
                }
                in.compact();
                if (neededCapacity > in.capacity()) {
                    ByteBuffer bigger = ByteBuffer.allocate(Math.max(neededCapacity, 2 * in.capacity()));
                    in.flip();
                    bigger.put(in);
                    in = bigger;
                    full = true;
                }
                if (state == CLOSED) {
                    return;
                }
                if (!full || n == 0) {
                    break;
                }
            }
            if (state == OPEN) {
                fill();
            }
            if (state == OPEN || state == CLOSING) {
                flush();
            }
        }

        private void eof() {
            if (state == CLOSING) {
                closeChannel();
            } else {
                failed("the server closed connection " + id + " (state " + state + ") without a close frame");
            }
        }

        private void handshakeResponse() {
            int start = in.position();
            int end = -1;
            for (int i = start; i + 3 < in.limit(); i++) {
                if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                    end = i + 4;
                    break;
                }
            }
            if (end < 0) {
                if (in.limit() - start > 8192) {
                    failed("handshake response over 8 KiB on connection " + id);
                }
                return;
            }
            byte[] head = new byte[end - start];
            in.get(head);
            String response = new String(head, StandardCharsets.ISO_8859_1);
            String problem = checkHandshake(response, expectedAccept);
            if (problem == null && deflate != null) {
                problem = deflate.mode.checkAgreed(headerValue(response, "sec-websocket-extensions"));
            }
            if (problem != null) {
                failed("handshake of connection " + id + ": " + problem);
                return;
            }
            state = OPEN;
            pending--;
            openConnections++;
            if (sending) {
                fill();
            }
        }

        private void frames(long now) {
            while (in.remaining() >= 2 && state != CLOSED) {
                int p = in.position();
                int b0 = in.get(p) & 0xff;
                int b1 = in.get(p + 1) & 0xff;
                if ((b1 & 0x80) != 0) {
                    failed("the server sent a masked frame on connection " + id);
                    return;
                }
                int opcode = b0 & 0x0f;
                // RFC 7692, section 6: RSV1 marks a compressed message, on its first frame only
                boolean compressedStart = (b0 & 0x70) == 0x40 && deflate != null && (opcode == 0x1 || opcode == 0x2);
                if ((b0 & 0x70) != 0 && !compressedStart) {
                    failed("the server set RSV bits " + Integer.toBinaryString((b0 >> 4) & 7) + " on a frame of opcode "
                            + opcode + " on connection " + id);
                    return;
                }
                int len7 = b1 & 0x7f;
                long length;
                int header;
                if (len7 < 126) {
                    length = len7;
                    header = 2;
                } else if (len7 == 126) {
                    if (in.remaining() < 4) {
                        return;
                    }
                    length = in.getShort(p + 2) & 0xffff;
                    header = 4;
                } else {
                    if (in.remaining() < 10) {
                        return;
                    }
                    length = in.getLong(p + 2);
                    header = 10;
                }
                if (length < 0 || length > MAX_FRAME) {
                    failed("frame of " + length + " bytes on connection " + id);
                    return;
                }
                if (in.remaining() < header + length) {
                    neededCapacity = (int) (header + length);
                    return;
                }
                frame(b0, in.arrayOffset() + p + header, (int) length, now);
                in.position(p + header + (int) length);
            }
        }

        private void frame(int b0, int offset, int length, long now) {
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0f;
            byte[] a = in.array();
            switch (opcode) {
                case 0x8 -> {
                    if (state == CLOSING) {
                        closeChannel();
                    } else {
                        int code = length >= 2 ? ((a[offset] & 0xff) << 8) | (a[offset + 1] & 0xff) : 1005;
                        String reason = length > 2 ? new String(a, offset + 2, length - 2, StandardCharsets.UTF_8) : "";
                        failed("the server closed connection " + id + " with " + code + " '" + reason + "'");
                    }
                }
                case 0x9 -> {
                    appendFrame(0x8A, a, offset, length); // pong with the same payload
                }
                case 0xA -> { }
                case 0x1, 0x2 -> {
                    if (assembly != null) {
                        failed("a new data frame inside a fragmented message on connection " + id);
                    } else if (opcode != config.kind().opcode) {
                        mismatch("echo of kind " + opcode + " instead of " + config.kind().opcode);
                    } else if (fin) {
                        message(a, offset, length, (b0 & 0x40) != 0, now);
                    } else {
                        assembly = ByteBuffer.allocate(Math.max(length * 2, config.payloadBytes()));
                        assembly.put(a, offset, length);
                        assemblyCompressed = (b0 & 0x40) != 0;
                    }
                }
                case 0x0 -> {
                    if (assembly == null) {
                        failed("a continuation frame outside a message on connection " + id);
                        return;
                    }
                    if (assembly.remaining() < length) {
                        if (assembly.position() + (long) length > MAX_FRAME) {
                            failed("fragmented echo over " + MAX_FRAME + " bytes on connection " + id);
                            return;
                        }
                        ByteBuffer bigger = ByteBuffer.allocate(2 * (assembly.position() + length));
                        assembly.flip();
                        bigger.put(assembly);
                        assembly = bigger;
                    }
                    assembly.put(a, offset, length);
                    if (fin) {
                        ByteBuffer whole = assembly;
                        assembly = null;
                        message(whole.array(), 0, whole.position(), assemblyCompressed, now);
                    }
                }
                default -> failed("reserved opcode " + opcode + " on connection " + id);
            }
        }

        /** A whole data message: inflated first if it is compressed, then checked as an echo. */
        private void message(byte[] a, int offset, int length, boolean compressed, long now) {
            if (!compressed) {
                if (deflate != null) {
                    uncompressedEchoes.lazySet(uncompressedEchoes.get() + 1);
                }
                echo(a, offset, length, now);
                return;
            }
            Inflater inflater = deflate.sharedInflater();
            if (inflater == null) {
                if (ownInflater == null) {
                    ownInflater = ClientDeflate.newInflater();
                }
                inflater = ownInflater;
            }
            int n = deflate.inflate(inflater, a, offset, length);
            if (n < 0) {
                mismatch("echo #" + expectedSeq + " is not valid deflate data (" + length + " bytes)");
                return;
            }
            echo(deflate.inflated(), 0, n, now);
            long budget = config.messagesPerConnection();
            if (budget != 0 && expectedSeq >= budget) {
                endOwnCodecs(); // its last echo: the native memory goes back now, not when the connection closes
            }
        }

        private void endOwnCodecs() {
            if (ownDeflater != null) {
                ownDeflater.end();
                ownDeflater = null;
            }
            if (ownInflater != null) {
                ownInflater.end();
                ownInflater = null;
            }
        }

        private void echo(byte[] a, int offset, int length, long now) {
            if (inFlight == 0) {
                mismatch("an echo arrived with nothing in flight");
                return;
            }
            long seq = expectedSeq++;
            inFlight--;
            inFlightTotal--;
            long latency = now - sendTimes[(int) (seq % config.pipeline())];
            recorder.recordValue(Math.max(1, Math.min(latency, MAX_LATENCY_NANOS)));
            if (length != config.payloadBytes()) {
                mismatch("echo #" + seq + " has " + length + " bytes instead of " + config.payloadBytes());
                return;
            }
            writeDigits(id, seq);
            byte[] template = templates[(int) (seq % TEMPLATES)];
            int h = headerOffset;
            int at = Arrays.mismatch(a, offset, offset + h, template, 0, h);
            if (at < 0) {
                at = Arrays.mismatch(a, offset + h, offset + h + HEADER_DIGITS, digits, 0, HEADER_DIGITS);
                at = at < 0 ? -1 : at + h;
            }
            if (at < 0) {
                at = Arrays.mismatch(a, offset + h + HEADER_DIGITS, offset + length, template, h + HEADER_DIGITS, length);
                if (at >= 0) {
                    at += h + HEADER_DIGITS;
                }
            }
            if (at >= 0) {
                boolean inDigits = at >= h && at < h + HEADER_DIGITS;
                byte sentByte = inDigits ? digits[at - h] : template[at];
                mismatch(String.format(Locale.ROOT, "echo #%d differs from what was sent at byte %d: 0x%02x instead "
                        + "of 0x%02x (echo starts '%s…', sent '%s…')", seq, at, a[offset + at] & 0xff, sentByte & 0xff,
                        printable(a, offset, Math.min(length, h + HEADER_DIGITS)),
                        new String(digits, StandardCharsets.US_ASCII)));
                return;
            }
            echoed.lazySet(echoed.get() + 1);
        }

        private void mismatch(String what) {
            mismatches.incrementAndGet();
            fail("connection " + id + ": " + what);
        }

        /** Queues messages until the pipeline is full (or the connection's budget is spent). */
        void fill() {
            if (!sending || state != OPEN) {
                return;
            }
            long now = System.nanoTime();
            long budget = config.messagesPerConnection();
            while (inFlight < config.pipeline() && (budget == 0 || sentCount < budget)) {
                appendMessage(now);
            }
        }

        private void appendMessage(long now) {
            int n = config.payloadBytes();
            long seq = nextSeq++;
            if (deflate != null) {
                appendCompressed(seq);
            } else {
                appendMasked(seq, n);
            }
            sendTimes[(int) (seq % config.pipeline())] = now;
            inFlight++;
            inFlightTotal++;
            sentCount++;
        }

        /** The message compressed (RFC 7692, section 7.2.1), in one frame with RSV1 set, masked. */
        private void appendCompressed(long seq) {
            int n = config.payloadBytes();
            System.arraycopy(templates[(int) (seq % TEMPLATES)], 0, plain, 0, n);
            writeDigits(id, seq);
            System.arraycopy(digits, 0, plain, 0, HEADER_DIGITS);
            Deflater deflater = deflate.sharedDeflater();
            if (deflater == null) {
                if (ownDeflater == null) {
                    ownDeflater = ClientDeflate.newDeflater();
                }
                deflater = ownDeflater;
            }
            int length = deflate.compress(deflater, plain, n);
            appendFrame(0xC0 | config.kind().opcode, deflate.packed(), 0, length);
            long budget = config.messagesPerConnection();
            if (budget != 0 && sentCount + 1 >= budget && ownDeflater != null) {
                ownDeflater.end(); // its last message
                ownDeflater = null;
            }
        }

        private void appendMasked(long seq, int n) {
            ensureOut(n + 14);
            int mask = writeHeader(0x80 | config.kind().opcode, n);
            byte[] template = templates[(int) (seq % TEMPLATES)];
            byte[] o = out.array();
            int base = out.arrayOffset() + out.position();
            long mask64 = ((mask & 0xffffffffL) << 32) | (mask & 0xffffffffL);
            int i = 0;
            for (; i + 8 <= n; i += 8) {
                LONGS.set(o, base + i, (long) LONGS.get(template, i) ^ mask64);
            }
            for (; i < n; i++) {
                o[base + i] = (byte) (template[i] ^ (mask >>> (24 - 8 * (i & 3))));
            }
            writeDigits(id, seq);
            for (int d = headerOffset; d < headerOffset + HEADER_DIGITS; d++) {
                o[base + d] = (byte) (digits[d - headerOffset] ^ (mask >>> (24 - 8 * (d & 3))));
            }
            out.position(out.position() + n);
        }

        private void appendFrame(int b0, byte[] payload, int offset, int length) {
            ensureOut(length + 14);
            int mask = writeHeader(b0, length);
            for (int i = 0; i < length; i++) {
                out.put((byte) (payload[offset + i] ^ (mask >>> (24 - 8 * (i & 3)))));
            }
        }

        /** Writes FIN/opcode, the masked length and a fresh masking key; returns the key. */
        private int writeHeader(int b0, int length) {
            out.put((byte) b0);
            if (length < 126) {
                out.put((byte) (0x80 | length));
            } else if (length < 65536) {
                out.put((byte) (0x80 | 126));
                out.putShort((short) length);
            } else {
                out.put((byte) (0x80 | 127));
                out.putLong(length);
            }
            int mask = nextMask();
            out.putInt(mask);
            return mask;
        }

        private void ensureOut(int more) {
            if (out.remaining() < more) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + more));
                out.flip();
                bigger.put(out);
                out = bigger;
            }
        }

        void sendClose() {
            byte[] payload = {0x03, (byte) 0xE8}; // 1000
            appendFrame(0x88, payload, 0, 2);
            state = CLOSING;
            flushQuietly();
        }

        void flush() throws IOException {
            out.flip();
            while (out.hasRemaining()) {
                int n = channel.write(out);
                if (n == 0) {
                    break;
                }
                bytesSent.lazySet(bytesSent.get() + n);
            }
            boolean more = out.hasRemaining();
            out.compact();
            int wanted = state == CONNECTING ? SelectionKey.OP_CONNECT
                    : SelectionKey.OP_READ | (more ? SelectionKey.OP_WRITE : 0);
            if (wanted != interest && key.isValid()) {
                key.interestOps(wanted);
                interest = wanted;
            }
        }

        void flushQuietly() {
            try {
                flush();
            } catch (IOException e) {
                failed("I/O error on connection " + id + ": " + e);
            }
        }

        void failed(String message) {
            if (state == CLOSED) {
                return;
            }
            fail(message);
            closeChannel();
        }

        void closeChannel() {
            if (state == CLOSED) {
                return;
            }
            if (state < OPEN) {
                pending--;
            } else {
                openConnections--;
            }
            inFlightTotal -= inFlight;
            inFlight = 0;
            state = CLOSED;
            endOwnCodecs();
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // gone anyway
                }
            }
        }
    }

    private static String printable(byte[] a, int offset, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int b = a[offset + i] & 0xff;
            s.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        return s.toString();
    }

    // ------------------------------------------------------------------ handshake helpers

    static String acceptFor(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + WS_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of the header {@code lowerCaseName} in {@code response} (status line and headers), or null. */
    static String headerValue(String response, String lowerCaseName) {
        for (String line : response.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(lowerCaseName)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** Null if {@code response} (status line and headers) accepts the upgrade, else what is wrong. */
    static String checkHandshake(String response, String expectedAccept) {
        String[] lines = response.split("\r\n");
        if (lines.length == 0 || !lines[0].startsWith("HTTP/1.1 101")) {
            return "expected 101, got '" + (lines.length == 0 ? "" : lines[0]) + "'";
        }
        String accept = null;
        boolean upgrade = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("sec-websocket-accept")) {
                accept = value;
            } else if (name.equals("upgrade")) {
                upgrade = value.equalsIgnoreCase("websocket");
            }
        }
        if (!expectedAccept.equals(accept)) {
            return "Sec-WebSocket-Accept '" + accept + "' instead of '" + expectedAccept + "'";
        }
        if (!upgrade) {
            return "no 'Upgrade: websocket' header";
        }
        return null;
    }

    /**
     * One blocking handshake: true if the server at host:port accepted a WebSocket upgrade (101 with the
     * right {@code Sec-WebSocket-Accept}). Never throws; all waits are bounded by the timeouts.
     */
    static boolean handshakeOnce(String host, int port, String path, int connectTimeoutMillis, int readTimeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
            byte[] nonce = new byte[16];
            new SecureRandom().nextBytes(nonce);
            String wsKey = Base64.getEncoder().encodeToString(nonce);
            OutputStream o = socket.getOutputStream();
            o.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + wsKey
                    + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            o.flush();
            InputStream i = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (head.length() < 8192) {
                int b = i.read();
                if (b < 0) {
                    return false;
                }
                head.append((char) b);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    boolean ok = checkHandshake(head.toString(), acceptFor(wsKey)) == null;
                    if (ok) {
                        o.write(new byte[] {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xE8}); // close 1000
                        o.flush();
                    }
                    return ok;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
