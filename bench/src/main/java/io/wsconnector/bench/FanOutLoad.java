package io.wsconnector.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The fan-out load generator of scenarios 7 and 8, on one thread like {@link LoadGenerator}: a {@code java.nio}
 * selector holding one <em>sender</em>, {@code receivers} receivers and, on request, one <em>slow client</em>,
 * all connected to a broadcast server ({@link BroadcastServers}) with a real handshake. The sender sends text
 * messages (masked with a fresh key each); the server sends each one to every other connection.
 *
 * <p><b>Verification.</b> A data message's payload is 16 hex digits of its sequence number, 16 hex digits of
 * the {@code System.nanoTime()} at which the sender queued it, then one of 8 fixed random patterns. The sender
 * keeps the last {@code window} payloads it sent; every receiver expects every message, in order, and compares
 * each byte for byte with what was sent: a message lost, duplicated, reordered, altered or cut is a mismatch,
 * and any mismatch fails the run. Latency is the time from the embedded send time to the moment the receiver
 * parsed the message (the load generator is one JVM: the clocks are the same), into an HDR histogram, once
 * per delivery.
 *
 * <p><b>Pacing.</b> The sender keeps at most {@code window} messages in flight: it sends message {@code n} only
 * once message {@code n - window} has reached every (normal) receiver. So the server always has work queued,
 * but never more than {@code window} messages per receiver, for every server alike; the slow client is not
 * waited for.
 *
 * <p><b>Registration.</b> A server adds a connection to its broadcast set when its handshake is done, which may
 * be just after the client saw the 101. So before the load, {@link #sync} has the sender send <em>sync</em>
 * messages (payload starting with {@code S}) every 20 ms until every receiver, the slow client too, has
 * received one; receivers accept sync messages only before the first data message.
 *
 * <p><b>The slow client</b> connects with a 4 KiB receive buffer (set before connecting), reads until it has
 * received one sync message (it is then registered), and then reads nothing until {@link #releaseSlowClient}.
 * Then it reads what the server kept for it: data messages, whose order and content (all but the timestamp)
 * are checked too; a close frame, which it answers; the end of the TCP connection. {@link #slowOutcome} says
 * what happened.
 */
final class FanOutLoad implements AutoCloseable {
    private static final int HEADER_DIGITS = 32; // sequence number, send time
    private static final int TEMPLATES = 8;
    private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int MAX_FRAME = 16 * 1024 * 1024;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final long SYNC_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** Handshakes per connection when the server answers with a 5xx. */
    private static final int MAX_ATTEMPTS = 3;

    private static final int CONNECTING = 0;
    private static final int HANDSHAKING = 1;
    private static final int OPEN = 2;
    private static final int CLOSING = 3;
    private static final int CLOSED = 4;

    private static final int SENDER = 0;
    private static final int RECEIVER = 1;
    private static final int SLOW = 2;

    /**
     * What to run.
     *
     * @param port                 the sender's server (and the receivers', unless {@code receiverPorts} says
     *                             otherwise)
     * @param receivers            normal receivers (the sender and the slow client come on top)
     * @param payloadBytes         the size of each message
     * @param window               messages in flight at most (sent, not yet received by every receiver)
     * @param slowClient           whether to add a client that stops reading
     * @param slowReceiveBuffer    the slow client's SO_RCVBUF, set before connecting
     * @param maxPendingHandshakes connections being opened at once
     * @param maxLifetime          the loop gives up (and fails) after this long
     * @param receiverPorts        the servers the receivers (and the slow client) connect to, in turn (receiver
     *                             {@code i} to {@code receiverPorts[i % n]}), e.g. the nodes of a cluster; empty:
     *                             all to {@code port}
     */
    record Config(String host, int port, String path, int receivers, int payloadBytes, int window,
                  boolean slowClient, int slowReceiveBuffer, int maxPendingHandshakes, Duration maxLifetime,
                  List<Integer> receiverPorts) {
        Config {
            receiverPorts = List.copyOf(receiverPorts);
            if (receivers < 1 || receivers > 30000) {
                throw new IllegalArgumentException("receivers must be 1..30000");
            }
            if (window < 1) {
                throw new IllegalArgumentException("window must be at least 1");
            }
            if (payloadBytes < HEADER_DIGITS + 1 || payloadBytes > MAX_FRAME) {
                throw new IllegalArgumentException("payload must be " + (HEADER_DIGITS + 1) + ".." + MAX_FRAME
                        + " bytes");
            }
        }

        static Config of(String host, int port, int receivers, int payloadBytes, int window, boolean slowClient) {
            return new Config(host, port, BroadcastServers.PATH, receivers, payloadBytes, window, slowClient,
                    4096, 100, Duration.ofMinutes(10), List.of());
        }

        /** The same load on another path. */
        Config withPath(String otherPath) {
            return new Config(host, port, otherPath, receivers, payloadBytes, window, slowClient, slowReceiveBuffer,
                    maxPendingHandshakes, maxLifetime, receiverPorts);
        }

        /** The same load with the receivers spread over these servers in turn (the sender stays on {@code port}). */
        Config withReceiverPorts(List<Integer> ports) {
            return new Config(host, port, path, receivers, payloadBytes, window, slowClient, slowReceiveBuffer,
                    maxPendingHandshakes, maxLifetime, ports);
        }

        /** The server connection {@code id} connects to: the sender ({@code 0}) to {@code port}. */
        int portOf(int id) {
            return id == 0 || receiverPorts.isEmpty() ? port : receiverPorts.get((id - 1) % receiverPorts.size());
        }

        int connections() {
            return 1 + receivers + (slowClient ? 1 : 0);
        }
    }

    /**
     * What the slow client saw once it read again.
     *
     * @param outcome       {@code close-frame}, {@code tcp-closed} (the server ended the TCP connection without a
     *                      close frame), {@code reset}, {@code open} (still open, nothing more arriving) or
     *                      {@code timeout} (still receiving when the wait ended)
     * @param closeCode     the code of the server's close frame, or -1
     * @param closeReason   its reason, or ""
     * @param messages      whole data messages received, all in order from the first one sent
     * @param bytes         bytes received after the handshake
     * @param partialBytes  bytes of an unfinished frame left when the connection ended
     * @param seconds       from {@link #releaseSlowClient} to the outcome
     * @param tcpClosedAfter whether the TCP connection ended after the close frame
     */
    record SlowOutcome(String outcome, int closeCode, String closeReason, long messages, long bytes,
                       long partialBytes, double seconds, boolean tcpClosedAfter) {
        String describe(long sent) {
            String what = switch (outcome) {
                case "close-frame" -> "closed by the server with " + closeCode + " '" + closeReason + "'"
                        + (tcpClosedAfter ? ", then the TCP connection" : "");
                case "tcp-closed" -> "TCP connection ended by the server without a close frame";
                case "reset" -> "TCP connection reset";
                case "open" -> "still open, nothing more arriving";
                case "timeout" -> "still receiving when the wait ended";
                default -> outcome;
            };
            return String.format(Locale.ROOT, "%s %.1f s after it started reading; it had got %,d of the %,d "
                    + "messages sent (%,d bytes)%s", what, seconds, messages, sent, bytes,
                    partialBytes > 0 ? ", and " + partialBytes + " bytes of a frame cut short" : "");
        }
    }

    private final Config config;
    private final Selector selector;
    private final Thread thread;
    private final SingleWriterRecorder recorder = new SingleWriterRecorder(1, MAX_LATENCY_NANOS, 3);
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong mismatches = new AtomicLong();
    private final AtomicLong handshakeRetries = new AtomicLong();
    private final AtomicReference<String> lastHandshakeError = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean sending;
    private volatile boolean syncRequested;
    private volatile boolean closeRequested;
    private volatile boolean slowReleaseRequested;
    private volatile int openConnections;
    private volatile int synced;
    private volatile long sentVolatile;
    private volatile long completedVolatile;
    private volatile SlowOutcome slowOutcome;
    private volatile long slowReleaseCalledNanos;
    /** The slow client's progress, for {@link #slowOutcome} on the runner's thread. */
    private volatile long slowMessages;
    private volatile long slowBytes;
    private volatile long slowLastByteNanos;

    // owned by the loop thread
    private final Conn[] conns;
    private final byte[][] templates = new byte[TEMPLATES][];
    private final byte[][] sentPayloads;
    private final int[] slotCounts;
    private final SecureRandom secureRandom = new SecureRandom();
    private int nextToOpen;
    private int pending;
    private long maskState;
    private long sent;
    private long completed;
    private long syncsSent;
    private long lastSyncNanos;
    private boolean slowReleased;
    private long slowReleasedNanos;

    private FanOutLoad(Config config) throws IOException {
        this.config = config;
        this.selector = Selector.open();
        this.conns = new Conn[config.connections()];
        this.sentPayloads = new byte[config.window()][];
        this.slotCounts = new int[config.window()];
        Random patterns = new Random(0xfa40L + config.payloadBytes());
        for (int t = 0; t < TEMPLATES; t++) {
            byte[] p = new byte[config.payloadBytes()];
            for (int i = 0; i < p.length; i++) {
                p[i] = (byte) (0x21 + patterns.nextInt(0x7e - 0x21 + 1)); // printable ASCII: valid UTF-8
            }
            templates[t] = p;
        }
        for (int s = 0; s < sentPayloads.length; s++) {
            sentPayloads[s] = new byte[config.payloadBytes()];
        }
        do {
            maskState = secureRandom.nextLong();
        } while (maskState == 0);
        this.thread = new Thread(this::run, "fanout-loadgen");
        this.thread.setDaemon(true);
    }

    /** Starts the loop thread, which opens the connections (see {@link #awaitOpen}). */
    static FanOutLoad start(Config config) throws IOException {
        FanOutLoad load = new FanOutLoad(config);
        load.thread.start();
        return load;
    }

    // ------------------------------------------------------------------ control, from any thread

    void awaitOpen(Duration timeout) {
        awaitCondition(() -> openConnections >= config.connections(), timeout,
                () -> "only " + openConnections + " of " + config.connections() + " connections opened");
    }

    /** Sends sync messages until every receiver (and the slow client) has received one: all are registered. */
    void sync(Duration timeout) {
        int all = config.receivers() + (config.slowClient() ? 1 : 0);
        syncRequested = true;
        selector.wakeup();
        awaitCondition(() -> synced >= all, timeout,
                () -> "only " + synced + " of " + all + " receivers got a sync message (" + syncsSent + " sent)");
        syncRequested = false;
    }

    /** Starts (or restarts) sending data messages, keeping the window full. */
    void resume() {
        sending = true;
        selector.wakeup();
    }

    /** Stops sending; what is in flight still arrives and is checked. */
    void pause() {
        sending = false;
        selector.wakeup();
    }

    /** After {@link #pause()}: waits until every message sent has reached every (normal) receiver. */
    void awaitDrained(Duration timeout) {
        awaitCondition(() -> !sending && completedVolatile == sentVolatile, timeout,
                () -> (sentVolatile - completedVolatile) + " of " + sentVolatile
                        + " messages sent never reached every receiver");
    }

    /** The slow client starts reading what the server kept for it. */
    void releaseSlowClient() {
        slowReleaseCalledNanos = System.nanoTime();
        slowReleaseRequested = true;
        selector.wakeup();
    }

    /**
     * After {@link #releaseSlowClient()}: waits until the slow client's connection ended (close frame, TCP
     * close, reset), or it has every message sent and nothing more came for {@code quiet}, or {@code max}.
     */
    SlowOutcome slowOutcome(Duration quiet, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        boolean quietReached = false;
        while (slowOutcome == null && finished.getCount() > 0) {
            long now = System.nanoTime();
            if (now - Math.max(slowLastByteNanos, slowReleaseCalledNanos) > quiet.toNanos()) {
                quietReached = true;
                break;
            }
            if (now - end > 0) {
                break;
            }
            sleepNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        check();
        SlowOutcome o = slowOutcome;
        if (o != null) {
            return o;
        }
        return new SlowOutcome(quietReached ? "open" : "timeout", -1, "", slowMessages, slowBytes, 0,
                (System.nanoTime() - slowReleaseCalledNanos) / 1e9, false);
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

    /** Messages received and verified by the normal receivers (not the slow client). */
    long deliveries() {
        return deliveries.get();
    }

    /** Data messages the sender sent. */
    long sent() {
        return sentVolatile;
    }

    long mismatches() {
        return mismatches.get();
    }

    /** Data messages that have reached every (normal) receiver. */
    long completed() {
        return completedVolatile;
    }

    /** Handshakes answered with a server error (5xx) and made again; {@link #lastHandshakeError} says which. */
    long handshakeRetries() {
        return handshakeRetries.get();
    }

    String lastHandshakeError() {
        return lastHandshakeError.get();
    }

    /** The first thing that went wrong (a mismatch, an I/O error, an unexpected close), or null. */
    String failure() {
        return failure.get();
    }

    /** Throws if anything went wrong so far. */
    void check() {
        String f = failure.get();
        if (f != null) {
            throw new BenchException("fan-out load generator: " + f + " (mismatched deliveries: " + mismatches.get()
                    + ")");
        }
    }

    /** Sleeps for {@code duration}, waking every 50 ms to stop early (with an exception) if something failed. */
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

    private void awaitCondition(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            check();
            if (finished.getCount() == 0) {
                throw new BenchException("fan-out load generator stopped: " + what.get());
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
                if (slowReleaseRequested && !slowReleased && config.slowClient()) {
                    slowReleased = true;
                    slowReleasedNanos = System.nanoTime();
                    conns[conns.length - 1].startReading();
                }
                Conn sender = conns[0];
                if (sender != null && sender.state == OPEN) {
                    if (syncRequested && synced < config.receivers() + (config.slowClient() ? 1 : 0)) {
                        long now = System.nanoTime();
                        if (syncsSent == 0 || now - lastSyncNanos > SYNC_EVERY_NANOS) {
                            sender.appendSync(syncsSent++);
                            lastSyncNanos = now;
                            sender.flushQuietly();
                        }
                    } else if (sending && sent - completed < config.window()) {
                        long now = System.nanoTime();
                        while (sent - completed < config.window()) {
                            sender.appendData(now);
                        }
                        sender.flushQuietly();
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
            finished.countDown();
        }
    }

    private void openMore() {
        while (nextToOpen < conns.length && pending < config.maxPendingHandshakes()) {
            int id = nextToOpen;
            int role = id == 0 ? SENDER : config.slowClient() && id == conns.length - 1 ? SLOW : RECEIVER;
            Conn c = new Conn(id, role);
            conns[nextToOpen++] = c;
            pending++;
            try {
                c.connect();
            } catch (IOException e) {
                c.failed("cannot connect to " + config.host() + ":" + c.port + ": " + e);
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
            c.ioFailed(e);
        }
    }

    private void closeGracefully() {
        sending = false;
        for (Conn c : conns) {
            if (c != null) {
                if (c.state == OPEN) {
                    if (c.role == SLOW && !c.reading) {
                        c.closeChannel(); // it reads nothing: no closing handshake to wait for
                    } else {
                        c.sendClose();
                    }
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

    private static void writeHex(byte[] target, int at, long value) {
        for (int i = at + 15; i >= at; i--) {
            target[i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
    }

    /** The value of 16 hex digits, or -1 if they are not 16 lower-case hex digits. */
    private static long readHex(byte[] a, int at) {
        long v = 0;
        for (int i = at; i < at + 16; i++) {
            int b = a[i];
            int d = b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10 : -1;
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** Message {@code seq} reached every receiver: the window moves on as far as it can. */
    private void advanceWindow() {
        int receivers = config.receivers();
        while (completed < sent && slotCounts[(int) (completed % config.window())] == receivers) {
            slotCounts[(int) (completed % config.window())] = 0;
            completed++;
        }
        completedVolatile = completed;
    }

    // ------------------------------------------------------------------ one connection

    private final class Conn {
        final int id;
        final int role;
        final int port;
        SocketChannel channel;
        SelectionKey key;
        int state = CONNECTING;
        ByteBuffer in;
        ByteBuffer out;
        String expectedAccept;
        long nextSeq;
        int attempts;
        boolean sawSync;
        boolean sawData;
        /** The slow client reads until it has seen a sync message, then not until released. */
        boolean reading = true;
        int neededCapacity;
        int interest = -1;
        /** Bytes of whole frames received after the handshake. */
        long bytesAfterHandshake;

        Conn(int id, int role) {
            this.id = id;
            this.role = role;
            this.port = config.portOf(id);
            int frame = config.payloadBytes() + 14;
            this.in = ByteBuffer.allocate(Math.max(4096, role == SLOW ? 64 * 1024 : 4 * frame));
            this.out = ByteBuffer.allocate(role == SENDER ? Math.max(4096, config.window() * frame + 512) : 512);
        }

        /** Closes the channel and connects again, as a new handshake; the connection stays pending. */
        private void reconnect() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // gone anyway
            }
            out.clear();
            interest = -1;
            state = CONNECTING;
            try {
                connect();
            } catch (IOException e) {
                failed("cannot connect to " + config.host() + ":" + port + ": " + e);
            }
        }

        void connect() throws IOException {
            attempts++;
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (role == SLOW) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, config.slowReceiveBuffer());
            }
            key = channel.register(selector, SelectionKey.OP_CONNECT, this);
            if (channel.connect(new InetSocketAddress(config.host(), port))) {
                connected();
            }
        }

        void connected() throws IOException {
            state = HANDSHAKING;
            byte[] nonce = new byte[16];
            secureRandom.nextBytes(nonce);
            String wsKey = Base64.getEncoder().encodeToString(nonce);
            expectedAccept = LoadGenerator.acceptFor(wsKey);
            String request = "GET " + config.path() + " HTTP/1.1\r\n"
                    + "Host: " + config.host() + ":" + port + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + wsKey + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n";
            out.put(request.getBytes(StandardCharsets.US_ASCII));
            flush();
        }

        void startReading() {
            reading = true;
            if (state != CLOSED) {
                flushQuietly(); // restores OP_READ
                readQuietly(); // what is buffered already
            }
        }

        private void readQuietly() {
            try {
                readable();
            } catch (IOException e) {
                ioFailed(e);
            }
        }

        void readable() throws IOException {
            for (int reads = 0; reads < 8 && reading; reads++) {
                int n = channel.read(in);
                if (n < 0) {
                    eof();
                    return;
                }
                long now = System.nanoTime();
                if (n > 0 && role == SLOW) {
                    slowLastByteNanos = now;
                }
                boolean full = !in.hasRemaining();
                in.flip();
                if (state == HANDSHAKING) {
                    handshakeResponse();
                    if (state == CONNECTING) {
                        in.clear(); // made again on a new channel: nothing read so far counts
                        return;
                    }
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
            if (state == OPEN || state == CLOSING) {
                flush();
            }
        }

        private void eof() {
            if (role == SLOW && slowReleased) {
                in.flip();
                long partial = in.remaining();
                in.clear();
                if (slowOutcome == null) {
                    slowOutcome = new SlowOutcome("tcp-closed", -1, "", nextSeq, bytesAfterHandshake, partial,
                            (System.nanoTime() - slowReleasedNanos) / 1e9, false);
                } else if (slowOutcome.outcome().equals("close-frame")) {
                    SlowOutcome o = slowOutcome;
                    slowOutcome = new SlowOutcome(o.outcome(), o.closeCode(), o.closeReason(), o.messages(),
                            bytesAfterHandshake, o.partialBytes(), o.seconds(), true);
                }
                closeChannel();
            } else if (state == CLOSING) {
                closeChannel();
            } else {
                failed("the server closed " + name() + " (state " + state + ") without a close frame");
            }
        }

        void ioFailed(IOException e) {
            if (role == SLOW && slowReleased) {
                if (slowOutcome == null) {
                    slowOutcome = new SlowOutcome("reset", -1, "", nextSeq, bytesAfterHandshake, 0,
                            (System.nanoTime() - slowReleasedNanos) / 1e9, false);
                }
                closeChannel();
            } else {
                failed("I/O error on " + name() + ": " + e);
            }
        }

        private String name() {
            return switch (role) {
                case SENDER -> "the sender";
                case SLOW -> "the slow client";
                default -> "receiver " + id;
            };
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
                    failed("handshake response over 8 KiB on " + name());
                }
                return;
            }
            byte[] head = new byte[end - start];
            in.get(head);
            String problem = LoadGenerator.checkHandshake(new String(head, StandardCharsets.ISO_8859_1),
                    expectedAccept);
            if (problem != null && problem.startsWith("expected 101, got 'HTTP/1.1 5") && attempts < MAX_ATTEMPTS) {
                // a server error on the upgrade (Helidon 4.5 sometimes answers 500 under many concurrent
                // handshakes): counted, reported, and the connection is made again
                handshakeRetries.incrementAndGet();
                lastHandshakeError.set(problem);
                reconnect();
                return;
            }
            if (problem != null) {
                failed("handshake of " + name() + ": " + problem);
                return;
            }
            state = OPEN;
            pending--;
            openConnections++;
        }

        private void frames(long now) {
            while (in.remaining() >= 2 && state != CLOSED && reading) {
                int p = in.position();
                int b0 = in.get(p) & 0xff;
                int b1 = in.get(p + 1) & 0xff;
                if ((b1 & 0x80) != 0) {
                    failed("the server sent a masked frame to " + name());
                    return;
                }
                if ((b0 & 0x70) != 0) {
                    failed("the server set RSV bits on " + name());
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
                    failed("frame of " + length + " bytes to " + name());
                    return;
                }
                if (in.remaining() < header + length) {
                    neededCapacity = (int) (header + length);
                    return;
                }
                if ((b0 & 0x80) == 0 || (b0 & 0x0f) == 0) {
                    failed("a fragmented message to " + name() + " (the servers send whole frames)");
                    return;
                }
                bytesAfterHandshake += header + length;
                if (role == SLOW) {
                    slowBytes = bytesAfterHandshake;
                }
                frame(b0 & 0x0f, in.arrayOffset() + p + header, (int) length, now);
                in.position(p + header + (int) length);
            }
        }

        private void frame(int opcode, int offset, int length, long now) {
            byte[] a = in.array();
            switch (opcode) {
                case 0x8 -> closeFrame(a, offset, length);
                case 0x9 -> appendFrame(0x8A, a, offset, length); // pong with the same payload
                case 0xA -> { }
                case 0x1 -> {
                    if (role == SENDER) {
                        mismatch("the sender got a message back (" + printable(a, offset, Math.min(length, 16))
                                + "…): the sender is not a recipient");
                    } else if (length > 0 && a[offset] == 'S') {
                        syncMessage();
                    } else if (role == SLOW) {
                        slowMessage(a, offset, length);
                    } else {
                        delivery(a, offset, length, now);
                    }
                }
                default -> mismatch("a frame of opcode " + opcode + " instead of text");
            }
        }

        private void closeFrame(byte[] a, int offset, int length) {
            if (state == CLOSING) {
                closeChannel(); // the answer to ours; the server closes TCP too
                return;
            }
            int code = length >= 2 ? ((a[offset] & 0xff) << 8) | (a[offset + 1] & 0xff) : 1005;
            String reason = length > 2 ? new String(a, offset + 2, length - 2, StandardCharsets.UTF_8) : "";
            if (role == SLOW && slowReleased) {
                slowOutcome = new SlowOutcome("close-frame", code, reason, nextSeq, bytesAfterHandshake, 0,
                        (System.nanoTime() - slowReleasedNanos) / 1e9, false);
                byte[] payload = {(byte) (code >>> 8), (byte) code}; // echo the code (RFC 6455, 5.5.1)
                appendFrame(0x88, payload, 0, code == 1005 ? 0 : 2);
                state = CLOSING;
                return;
            }
            failed("the server closed " + name() + " with " + code + " '" + reason + "'");
        }

        private void syncMessage() {
            if (sawData) {
                mismatch("a sync message after data messages");
                return;
            }
            if (!sawSync) {
                sawSync = true;
                synced++;
                if (role == SLOW && !slowReleased) {
                    reading = false; // registered: from now on it reads nothing
                    flushQuietly();
                }
            }
        }

        /** A normal receiver's message: must be the next one, byte for byte as sent. */
        private void delivery(byte[] a, int offset, int length, long now) {
            sawData = true;
            long seq = nextSeq;
            if (seq >= sent) {
                mismatch("a message arrived when all " + sent + " messages sent had been received: "
                        + printable(a, offset, Math.min(length, HEADER_DIGITS)));
                return;
            }
            int slot = (int) (seq % config.window());
            byte[] expected = sentPayloads[slot];
            if (length != expected.length) {
                mismatch("message #" + seq + " has " + length + " bytes instead of " + expected.length);
                return;
            }
            int at = Arrays.mismatch(a, offset, offset + length, expected, 0, length);
            if (at >= 0) {
                long got = readHex(a, offset);
                String which = got == seq || got < 0 ? "" : " (it is #" + got + ": " + (got > seq ? "#" + seq
                        + " was lost" : "a duplicate or reordered") + ")";
                mismatch(String.format(Locale.ROOT, "message #%d differs from what was sent at byte %d: 0x%02x "
                        + "instead of 0x%02x%s", seq, at, a[offset + at] & 0xff, expected[at] & 0xff, which));
                return;
            }
            long sentAt = readHex(a, offset + 16);
            recorder.recordValue(Math.max(1, Math.min(now - sentAt, MAX_LATENCY_NANOS)));
            nextSeq = seq + 1;
            deliveries.lazySet(deliveries.get() + 1);
            if (++slotCounts[slot] == config.receivers() && seq == completed) {
                advanceWindow();
            }
        }

        /** The slow client's message: the next one in order, as sent (its send time is not checked). */
        private void slowMessage(byte[] a, int offset, int length) {
            sawData = true;
            long seq = nextSeq;
            if (length != config.payloadBytes()) {
                mismatch("the slow client's message #" + seq + " has " + length + " bytes instead of "
                        + config.payloadBytes());
                return;
            }
            long got = readHex(a, offset);
            if (got != seq) {
                mismatch("the slow client got message #" + got + " where #" + seq + " was due");
                return;
            }
            byte[] template = templates[(int) (seq % TEMPLATES)];
            int at = Arrays.mismatch(a, offset + HEADER_DIGITS, offset + length, template, HEADER_DIGITS, length);
            if (at >= 0) {
                mismatch("the slow client's message #" + seq + " differs from what was sent at byte "
                        + (at + HEADER_DIGITS));
                return;
            }
            nextSeq = seq + 1;
            slowMessages = nextSeq;
        }

        private void mismatch(String what) {
            mismatches.incrementAndGet();
            fail(name() + ": " + what);
        }

        /** The sender: a sync message (same size as a data message, starting with {@code S}). */
        void appendSync(long number) {
            byte[] payload = new byte[config.payloadBytes()];
            Arrays.fill(payload, (byte) 's');
            payload[0] = 'S';
            writeHex(payload, 1, number);
            appendFrame(0x81, payload, 0, payload.length);
        }

        /** The sender: the next data message, kept to check what the receivers get. */
        void appendData(long now) {
            long seq = sent;
            byte[] payload = sentPayloads[(int) (seq % config.window())];
            System.arraycopy(templates[(int) (seq % TEMPLATES)], HEADER_DIGITS, payload, HEADER_DIGITS,
                    payload.length - HEADER_DIGITS);
            writeHex(payload, 0, seq);
            writeHex(payload, 16, now);
            appendFrame(0x81, payload, 0, payload.length);
            sent = seq + 1;
            sentVolatile = sent;
        }

        private void appendFrame(int b0, byte[] payload, int offset, int length) {
            ensureOut(length + 14);
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
            byte[] o = out.array();
            int base = out.arrayOffset() + out.position();
            for (int i = 0; i < length; i++) {
                o[base + i] = (byte) (payload[offset + i] ^ (mask >>> (24 - 8 * (i & 3))));
            }
            out.position(out.position() + length);
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
                if (channel.write(out) == 0) {
                    break;
                }
            }
            boolean more = out.hasRemaining();
            out.compact();
            int wanted = state == CONNECTING ? SelectionKey.OP_CONNECT
                    : (reading ? SelectionKey.OP_READ : 0) | (more ? SelectionKey.OP_WRITE : 0);
            if (wanted != interest && key.isValid()) {
                key.interestOps(wanted);
                interest = wanted;
            }
        }

        void flushQuietly() {
            try {
                flush();
            } catch (IOException e) {
                ioFailed(e);
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
            state = CLOSED;
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
}
