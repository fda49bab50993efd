package io.wsconnector.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.SocketWriterException;
import io.wsconnector.runtime.cluster.ClusterNode;

/**
 * The server side of one connection: what it sends, and in what order.
 *
 * <p>Two ways in. Frames sent on the connection's own thread (replies from its handlers) are encoded into
 * the <em>batch</em>, one buffer written when the connection has read all the input it had, so a burst
 * of pipelined messages is answered with one write; when the batch is full, the connection's thread
 * waits for the client to take it. Frames sent from any other thread (broadcasts, other sessions,
 * schedulers) go to the <em>queue</em>, bounded in bytes, as encoded arrays that a broadcast shares among
 * all its recipients; the sender never waits. When the queue is full the server's
 * {@link SlowConsumerPolicy} applies to this session alone.
 *
 * <p>One thread writes at a time (the <em>writer</em>): the connection's thread when it flushes its
 * batch, or else a virtual thread started when a frame is queued and nobody writes. The writer writes
 * the queue, then the batch, and stops when both are empty. Everything the lock guards is changed only
 * briefly; no thread holds the lock while writing to the socket, so a stalled client never blocks a
 * sender. Order is kept: the queue only holds frames older than the batch (a frame queued while the
 * batch holds replies first moves the batch to the queue), so what one thread sends arrives in the order
 * it sent it.
 *
 * <p>Asynchronous sends complete their stage when their frame is written, or fail when the session
 * closes first; the stages are completed after the lock is released, so that what callers chained to
 * them never runs under it.
 */
final class ConnectionSession implements WebSocketSession {
    static final int OPCODE_CONTINUATION = 0x0;
    static final int OPCODE_TEXT = 0x1;
    static final int OPCODE_BINARY = 0x2;
    static final int OPCODE_CLOSE = 0x8;
    static final int OPCODE_PING = 0x9;
    static final int OPCODE_PONG = 0xA;

    private static final int MAX_REASON_BYTES = 123;
    /** Batched bytes above which the connection's thread writes before it batches more. */
    private static final int BATCH_LIMIT = 64 * 1024;
    /** A batch buffer larger than this is dropped after use, so that idle connections stay small. */
    private static final int RETAINED_BUFFER = 64 * 1024;
    /** Queued frames at least this large are written from their own (shared) array, never copied. */
    private static final int DIRECT_WRITE = 8 * 1024;
    /** The size of the buffers that small queued frames are gathered into for one write. */
    private static final int GATHER_LIMIT = 64 * 1024;
    /**
     * Gather buffers, shared by all sessions: a writer borrows one for a write and gives it back, so the
     * memory they take is bounded by this pool (and the writes in progress), not by the number of sessions.
     */
    private static final java.util.concurrent.ArrayBlockingQueue<byte[]> GATHER_BUFFERS =
            new java.util.concurrent.ArrayBlockingQueue<>(32);
    private static final int MAX_PING_PAYLOAD = 125;
    private static final String SLOW_CONSUMER_REASON = "Send queue full: the client reads too slowly";
    private static final System.Logger LOGGER = System.getLogger(WebSocketServer.class.getName());
    // what enqueue() did with a frame
    private static final int QUEUED = 0;
    private static final int REFUSED = 1;
    private static final int NOT_OPEN = 2;
    private static final ThreadFactory WRITERS = Thread.ofVirtual().name("wsconnector-writer").factory();

    private final String id;
    private final DataWriter writer;
    private final Thread connectionThread;
    private final Handshake handshake;
    private final EndpointSessions endpointSessions;
    private final int queueLimit;
    private final SlowConsumerPolicy slowConsumerPolicy;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a writer has taken the batch or stopped, for the connection's thread waiting to batch more. */
    private final Condition batchTaken = lock.newCondition();

    // guarded by the lock
    private byte[] batch;
    private int batchLength;
    private List<CompletableFuture<Void>> batchStages;
    private ArrayDeque<Queued> queue;
    /** Bytes queued or being written from the queue. */
    private long queuedBytes;
    private boolean writing;
    /** The thread writing, while one is: stages it completes may send on it, and must not wait for it. */
    private Thread writerThread;
    private boolean dropReported;
    /** Stages to complete when the lock is released: with {@code null} (written) or the failure at the same index. */
    private List<CompletableFuture<Void>> settled;
    private List<Throwable> outcomes;

    private volatile boolean opened;
    private volatile boolean closeSent;
    private volatile boolean closed;
    /** Created by the first {@link #attribute(String, Object)}: most connections never need one. */
    private volatile ConcurrentHashMap<String, Object> attributes;
    /** Guards {@code rooms} and {@code leftAllRooms}. */
    private final Object roomsMonitor = new Object();
    /** Created by the first {@link #join(String)}. */
    private Set<String> rooms;
    private boolean leftAllRooms;
    /** Where our close frame is reported; set once the connection exists. */
    private volatile WebSocketConnection connection;

    /**
     * @param id               the session id
     * @param writer           the connection's writer
     * @param connectionThread the thread that reads the connection and calls its handlers
     * @param handshake        the opening handshake
     * @param endpointSessions the endpoint's sessions, which this one joins when it opens
     * @param protocol         the server's send-queue limit and slow-consumer policy
     */
    ConnectionSession(String id, DataWriter writer, Thread connectionThread, Handshake handshake,
                      EndpointSessions endpointSessions, WebSocketProtocol protocol) {
        this.id = id;
        this.writer = writer;
        this.connectionThread = connectionThread;
        this.handshake = handshake;
        this.endpointSessions = endpointSessions;
        this.queueLimit = protocol.sendQueueLimit();
        this.slowConsumerPolicy = protocol.slowConsumerPolicy();
    }

    /** The 101 response is written: from now on, the session can send. */
    void open() {
        opened = true;
    }

    /** Reports our close frame to this connection. */
    void connection(WebSocketConnection connection) {
        this.connection = connection;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public WebSocketSessions sessions() {
        return endpointSessions;
    }

    @Override
    public void sendText(String text) {
        if (text == null) {
            throw new NullPointerException("text");
        }
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        send(OPCODE_TEXT, payload, 0, payload.length, null);
    }

    @Override
    public void sendBinary(byte[] data) {
        send(OPCODE_BINARY, data, 0, data.length, null);
    }

    @Override
    public void sendBinary(ByteBuffer data) {
        if (data.hasArray()) {
            send(OPCODE_BINARY, data.array(), data.arrayOffset() + data.position(), data.remaining(), null);
        } else {
            byte[] copy = new byte[data.remaining()];
            data.duplicate().get(copy);
            send(OPCODE_BINARY, copy, 0, copy.length, null);
        }
    }

    @Override
    public CompletionStage<Void> sendTextAsync(String text) {
        if (text == null) {
            throw new NullPointerException("text");
        }
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        return sendAsync(OPCODE_TEXT, payload);
    }

    @Override
    public CompletionStage<Void> sendBinaryAsync(byte[] data) {
        return sendAsync(OPCODE_BINARY, Objects.requireNonNull(data, "data"));
    }

    private CompletionStage<Void> sendAsync(int opcode, byte[] payload) {
        CompletableFuture<Void> stage = new CompletableFuture<>();
        try {
            send(opcode, payload, 0, payload.length, stage);
        } catch (IllegalStateException | UncheckedIOException e) {
            stage.completeExceptionally(e);
        }
        return stage;
    }

    @Override
    public void sendPing(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        if (payload.length > MAX_PING_PAYLOAD) {
            throw new IllegalArgumentException("A ping carries at most " + MAX_PING_PAYLOAD + " bytes, not "
                    + payload.length);
        }
        send(OPCODE_PING, payload, 0, payload.length, null);
    }

    /** Sends a data or ping frame: batched on the connection's thread, queued from any other. */
    private void send(int opcode, byte[] payload, int offset, int length, CompletableFuture<Void> stage) {
        if (Thread.currentThread() == connectionThread) {
            lock.lock();
            try {
                makeRoomInBatch(length + 10); // may let go of the lock to write: check after it
                if (!canSend()) {
                    throw notOpen();
                }
                appendFrame(opcode, payload, offset, length);
                addBatchStage(stage);
            } finally {
                unlock();
            }
        } else {
            if (enqueue(encodeFrame(opcode, payload, offset, length), stage, true) == NOT_OPEN) {
                throw notOpen();
            }
        }
    }

    /**
     * Sends an encoded frame shared with other recipients (a broadcast): copied into the batch on the
     * connection's thread, queued as it is from any other.
     *
     * @return {@code true} if the frame is batched or queued; {@code false} if the session no longer sends, or
     *         the slow-consumer policy refused it
     */
    boolean sendFrame(byte[] frame) {
        if (Thread.currentThread() == connectionThread) {
            lock.lock();
            try {
                makeRoomInBatch(frame.length); // may let go of the lock to write: check after it
                if (!canSend()) {
                    return false;
                }
                ensureCapacity(batchLength + frame.length);
                System.arraycopy(frame, 0, batch, batchLength, frame.length);
                batchLength += frame.length;
                return true;
            } finally {
                unlock();
            }
        }
        return enqueue(frame, null, true) == QUEUED;
    }

    private boolean canSend() {
        return opened && !closeSent && !closed;
    }

    private IllegalStateException notOpen() {
        return new IllegalStateException(opened
                ? "Session " + id + " is closed; it cannot send"
                : "Session " + id + " is not open yet; it can send from @OnOpen on");
    }

    /**
     * Queues a frame written by the writer, starting one if nobody writes. Over the queue limit the policy
     * applies, unless the frame is not {@code droppable} (a close frame).
     *
     * @return {@link #QUEUED}; {@link #REFUSED} if the policy refused it (its stage is settled);
     *         {@link #NOT_OPEN} if the session no longer sends (its stage is left alone)
     */
    private int enqueue(byte[] frame, CompletableFuture<Void> stage, boolean droppable) {
        boolean startWriter = false;
        int outcome = QUEUED;
        lock.lock();
        try {
            if (droppable && !canSend()) {
                return NOT_OPEN;
            }
            moveBatchToQueue();
            boolean fits = !droppable || queue.isEmpty() || queuedBytes + frame.length <= queueLimit;
            if (fits || makeRoomInQueue(frame, stage)) {
                addToQueue(new Queued(frame, frame.length, stage == null ? null : List.of(stage), droppable));
            } else {
                outcome = REFUSED;
            }
            if (!writing && !queue.isEmpty()) {
                writing = true;
                startWriter = true;
            }
        } finally {
            unlock();
        }
        if (startWriter) {
            WRITERS.newThread(this::writeAll).start();
        }
        return outcome;
    }

    /**
     * The queue is full: applies the policy. The lock is held.
     *
     * @return whether the frame may be queued now
     */
    private boolean makeRoomInQueue(byte[] frame, CompletableFuture<Void> stage) {
        switch (slowConsumerPolicy) {
            case DROP_NEWEST -> {
                reportDrop();
                settle(stage, new CancellationException("Dropped: the send queue of session " + id + " is full"));
                return false;
            }
            case DROP_OLDEST -> {
                reportDrop();
                Iterator<Queued> oldestFirst = queue.iterator();
                while (queuedBytes + frame.length > queueLimit && oldestFirst.hasNext()) {
                    Queued oldest = oldestFirst.next();
                    if (oldest.droppable) {
                        oldestFirst.remove();
                        queuedBytes -= oldest.length;
                        settleAll(oldest.stages, new CancellationException("Dropped: the send queue of session "
                                + id + " is full"));
                    }
                }
                return true;
            }
            default -> {
                LOGGER.log(Level.WARNING, "Session " + id + " of " + endpointSessions.path() + " does not read "
                        + "what is sent to it: " + (queuedBytes + frame.length) + " bytes would be queued, over the "
                        + "limit of " + queueLimit + "; closing it with 1008 (slow-consumer policy CLOSE)");
                IllegalStateException why = new IllegalStateException("Session " + id
                        + " was closed: its client read too slowly (send queue full)");
                settle(stage, why);
                for (Queued dropped : queue) {
                    settleAll(dropped.stages, why);
                }
                queue.clear();
                queuedBytes = 0;
                queueClose(CloseCodes.POLICY_VIOLATION, SLOW_CONSUMER_REASON.getBytes(StandardCharsets.UTF_8));
                return false;
            }
        }
    }

    private void reportDrop() {
        if (!dropReported) {
            dropReported = true;
            LOGGER.log(Level.WARNING, "Session " + id + " of " + endpointSessions.path() + " does not read what is "
                    + "sent to it: its send queue is full (" + queueLimit + " bytes); dropping messages ("
                    + slowConsumerPolicy + "), reported once per session");
        }
    }

    /** Creates the queue if need be, and moves the batch, as it is, to its end. The lock is held. */
    private void moveBatchToQueue() {
        if (queue == null) {
            queue = new ArrayDeque<>(4);
        }
        if (batchLength > 0) { // the batch's replies were sent before what is queued next: they go first
            addToQueue(new Queued(batch, batchLength, batchStages, false));
            batch = null;
            batchLength = 0;
            batchStages = null;
        }
    }

    private void addToQueue(Queued frames) {
        queue.add(frames);
        queuedBytes += frames.length;
    }

    /**
     * On the connection's thread, before batching {@code needed} more bytes: if the batch would pass its
     * limit, has it written first — by this thread if nobody writes, else by waiting until the writer takes
     * it. The lock is held once.
     */
    private void makeRoomInBatch(int needed) {
        while (batchLength > 0 && batchLength + needed > BATCH_LIMIT && !closed
                && writerThread != Thread.currentThread()) {
            if (writing) {
                batchTaken.awaitUninterruptibly();
            } else {
                writing = true;
                lock.unlock();
                try {
                    writeAll();
                } finally {
                    lock.lock();
                }
            }
        }
    }

    @Override
    public String pathParam(String name) {
        return handshake.pathParam(name);
    }

    @Override
    public HandshakeRequest handshake() {
        return handshake;
    }

    @Override
    public Optional<String> subprotocol() {
        return handshake.subprotocol();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T attribute(String key) {
        Objects.requireNonNull(key, "key");
        ConcurrentHashMap<String, Object> map = attributes;
        return map == null ? null : (T) map.get(key);
    }

    @Override
    public void attribute(String key, Object value) {
        Objects.requireNonNull(key, "key");
        ConcurrentHashMap<String, Object> map = attributes;
        if (map == null) {
            if (value == null) {
                return;
            }
            map = createAttributes();
        }
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
        ClusterNode node = endpointSessions.cluster().node();
        if (node != null) {
            node.attributeChanged(this, key);
        }
    }

    private synchronized ConcurrentHashMap<String, Object> createAttributes() {
        ConcurrentHashMap<String, Object> map = attributes;
        if (map == null) {
            map = new ConcurrentHashMap<>(4);
            attributes = map;
        }
        return map;
    }

    @Override
    public boolean join(String room) {
        Objects.requireNonNull(room, "room");
        // under the rooms monitor: leaveAllRooms() sees every room joined before it, and none is joined after
        synchronized (roomsMonitor) {
            if (leftAllRooms) {
                return false; // out of the endpoint already (its @OnClose is running or has run)
            }
            if (rooms == null) {
                rooms = new HashSet<>(4);
            }
            if (!rooms.add(room)) {
                return false;
            }
            endpointSessions.addMember(room, this);
            ClusterNode node = endpointSessions.cluster().node();
            if (node != null) {
                node.joined(this, room);
            }
            return true;
        }
    }

    @Override
    public boolean leave(String room) {
        Objects.requireNonNull(room, "room");
        synchronized (roomsMonitor) {
            if (rooms == null || !rooms.remove(room)) {
                return false;
            }
            endpointSessions.removeMember(room, this);
            ClusterNode node = endpointSessions.cluster().node();
            if (node != null) {
                node.left(this, room);
            }
            return true;
        }
    }

    @Override
    public Set<String> rooms() {
        synchronized (roomsMonitor) {
            return rooms == null ? Set.of() : Set.copyOf(rooms);
        }
    }

    /**
     * The session is closing for good: it leaves every room, and can join none from now on.
     *
     * @return the rooms it was in, for its endpoint to take it out of
     */
    Set<String> leaveAllRooms() {
        synchronized (roomsMonitor) {
            leftAllRooms = true;
            Set<String> left = rooms == null ? Set.of() : Set.copyOf(rooms);
            rooms = null;
            return left;
        }
    }

    @Override
    public void close(int statusCode, String reason) {
        if (!opened) {
            throw new IllegalStateException("Session " + id + " is not open yet; to refuse the connection, "
                    + "throw UpgradeRejectedException from @OnUpgrade");
        }
        if (!CloseCodes.isSendable(statusCode)) {
            throw new IllegalArgumentException("Close code " + statusCode
                    + " may not be sent; use 1000-1003, 1007-1014 or 3000-4999");
        }
        byte[] reasonBytes = (reason == null ? "" : reason).getBytes(StandardCharsets.UTF_8);
        if (reasonBytes.length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("Close reason is longer than " + MAX_REASON_BYTES + " bytes in UTF-8");
        }
        sendClose(statusCode, reasonBytes);
    }

    @Override
    public boolean isOpen() {
        return canSend();
    }

    @Override
    public String toString() {
        return "WebSocketSession[" + id + "]";
    }

    /**
     * Sends a close frame with this code and reason, once, after everything sent before it; {@code statusCode}
     * 1005 sends an empty close frame (the answer to a client's empty one).
     *
     * @return whether this call sent it
     */
    boolean sendClose(int statusCode, byte[] reason) {
        boolean startWriter = false;
        lock.lock();
        try {
            if (closeSent || closed) {
                return false;
            }
            if (Thread.currentThread() == connectionThread) {
                closeSent = true;
                byte[] payload = closePayload(statusCode, reason);
                appendFrame(OPCODE_CLOSE, payload, 0, payload.length);
                awaitCloseAnswer();
            } else {
                queueClose(statusCode, reason);
                if (!writing) {
                    writing = true;
                    startWriter = true;
                }
            }
            return true;
        } finally {
            unlock();
            if (startWriter) {
                WRITERS.newThread(this::writeAll).start();
            }
        }
    }

    /** Queues our close frame after everything queued, and starts the close timer. The lock is held. */
    private void queueClose(int statusCode, byte[] reason) {
        closeSent = true;
        moveBatchToQueue();
        byte[] payload = closePayload(statusCode, reason);
        byte[] frame = encodeFrame(OPCODE_CLOSE, payload, 0, payload.length);
        addToQueue(new Queued(frame, frame.length, null, false));
        awaitCloseAnswer();
    }

    private void awaitCloseAnswer() {
        WebSocketConnection target = connection;
        if (target != null) {
            target.awaitCloseAnswer();
        }
    }

    private static byte[] closePayload(int statusCode, byte[] reason) {
        if (statusCode == CloseCodes.NO_STATUS_RECEIVED) {
            return new byte[0];
        }
        byte[] payload = new byte[2 + reason.length];
        payload[0] = (byte) (statusCode >>> 8);
        payload[1] = (byte) statusCode;
        System.arraycopy(reason, 0, payload, 2, reason.length);
        return payload;
    }

    /** Answers a ping, unless our close frame has gone: nothing follows it. On the connection's thread. */
    void sendPong(byte[] payload, int length) {
        lock.lock();
        try {
            makeRoomInBatch(length + 2); // may let go of the lock to write: check after it
            if (closeSent || closed) {
                return;
            }
            appendFrame(OPCODE_PONG, payload, 0, length);
        } finally {
            unlock();
        }
    }

    boolean closeSent() {
        return closeSent;
    }

    /** Whether a thread is writing to the connection now. */
    boolean isWriting() {
        lock.lock();
        try {
            return writing;
        } finally {
            unlock();
        }
    }

    /**
     * Waits until what is queued and batched has been written (or the connection failed), at most this
     * long: for our close frame, before the connection is torn down.
     */
    void awaitQueueWritten(long timeoutNanos) {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (writing && !closed && left > 0) {
                left = batchTaken.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            unlock();
        }
    }

    /** The connection is gone: drop what is pending, send nothing more, fail what was not written. */
    void markClosed() {
        lock.lock();
        try {
            closed = true;
            IllegalStateException why = new IllegalStateException("Session " + id
                    + " closed before the message was written");
            settleAll(batchStages, why);
            batchStages = null;
            batch = null;
            batchLength = 0;
            if (queue != null) {
                for (Queued dropped : queue) {
                    settleAll(dropped.stages, why);
                }
                queue = null;
            }
            queuedBytes = 0;
            batchTaken.signalAll();
        } finally {
            unlock();
        }
    }

    /**
     * On the connection's thread, when it has handled all its input: writes the batch (after the queue).
     * If another thread is writing, waits until that writer has taken the batch, so that what was batched
     * is on its way before the connection reads on, just as if this thread wrote it.
     *
     * @throws UncheckedIOException if the connection fails
     */
    void flush() {
        lock.lock();
        try {
            if (closed || (batchLength == 0 && (queue == null || queue.isEmpty()))) {
                return;
            }
            if (writing) {
                while (batchLength > 0 && writing && !closed) {
                    batchTaken.awaitUninterruptibly();
                }
                if (batchLength == 0 || closed) {
                    return;
                }
            }
            writing = true;
        } finally {
            unlock();
        }
        writeAll();
    }

    /**
     * The writer: writes the queue, then the batch, until both are empty. Small queued frames are gathered
     * into a pooled buffer and written together; a lone or large one is written from its own, maybe
     * shared, array. Holds the lock only between writes. {@code writing} was set by the
     * caller.
     *
     * @throws UncheckedIOException on the connection's thread, if the connection fails
     */
    private void writeAll() {
        while (true) {
            byte[] bytes;
            int length;
            List<CompletableFuture<Void>> stages;
            long fromQueue;
            boolean batchBuffer;
            byte[] gathered = null;
            lock.lock();
            try {
                writerThread = Thread.currentThread();
                Queued head = closed || queue == null ? null : queue.peek();
                fromQueue = 0;
                if (head != null && head.length < DIRECT_WRITE && queue.size() > 1) {
                    // several small frames: copied together into a buffer borrowed for this one write
                    gathered = GATHER_BUFFERS.poll();
                    if (gathered == null) {
                        gathered = new byte[GATHER_LIMIT];
                    }
                    stages = new ArrayList<>(0);
                    length = gatherSmallFrames(gathered, stages);
                    fromQueue = length;
                    bytes = gathered;
                    batchBuffer = false;
                    head = null;
                } else if (head != null) {
                    queue.poll();
                    fromQueue = head.length;
                    bytes = head.bytes;
                    length = head.length;
                    stages = head.stages;
                    batchBuffer = false;
                } else if (batchLength > 0 && !closed) {
                    bytes = batch;
                    length = batchLength;
                    stages = batchStages;
                    batch = null;
                    batchLength = 0;
                    batchStages = null;
                    batchBuffer = true;
                    batchTaken.signalAll();
                } else {
                    writing = false;
                    writerThread = null;
                    batchTaken.signalAll();
                    return;
                }
            } finally {
                unlock();
            }
            Throwable failure = null;
            try {
                writer.writeNow(BufferData.create(bytes, 0, length));
            } catch (SocketWriterException | UncheckedIOException e) {
                failure = e;
            }
            if (gathered != null) {
                GATHER_BUFFERS.offer(gathered); // no session keeps it: idle sessions stay small
            }
            lock.lock();
            try {
                queuedBytes -= fromQueue;
                if (failure != null) {
                    UncheckedIOException error = failure instanceof UncheckedIOException u ? u
                            : new UncheckedIOException(new IOException("Connection of session " + id + " failed",
                                    failure));
                    settleAll(stages, new IllegalStateException("The connection of session " + id
                            + " failed while the message was written", error));
                    closed = true;
                    writing = false;
                    writerThread = null;
                    batchTaken.signalAll();
                    if (Thread.currentThread() == connectionThread) {
                        throw error;
                    }
                    return;
                }
                settleAll(stages, null);
                if (batchBuffer && batch == null && bytes.length <= RETAINED_BUFFER) {
                    batch = bytes; // keep the buffer for the next batch
                }
            } finally {
                unlock();
            }
        }
    }

    /**
     * Copies the small frames at the head of the queue into {@code buffer}, as many as fit, and collects
     * their stages. The lock is held.
     *
     * @return how many bytes were copied, all taken from the queue
     */
    private int gatherSmallFrames(byte[] buffer, List<CompletableFuture<Void>> stages) {
        int length = 0;
        Queued head;
        while ((head = queue.peek()) != null && head.length < DIRECT_WRITE && length + head.length <= buffer.length) {
            queue.poll();
            System.arraycopy(head.bytes, 0, buffer, length, head.length);
            length += head.length;
            if (head.stages != null) {
                stages.addAll(head.stages);
            }
        }
        return length;
    }

    private void addBatchStage(CompletableFuture<Void> stage) {
        if (stage != null) {
            if (batchStages == null) {
                batchStages = new ArrayList<>(2);
            }
            batchStages.add(stage);
        }
    }

    private void settleAll(List<CompletableFuture<Void>> stages, Throwable outcome) {
        if (stages != null) {
            for (CompletableFuture<Void> stage : stages) {
                settle(stage, outcome);
            }
        }
    }

    private void settle(CompletableFuture<Void> stage, Throwable outcome) {
        if (stage == null) {
            return;
        }
        if (settled == null) {
            settled = new ArrayList<>(2);
            outcomes = new ArrayList<>(2);
        }
        settled.add(stage);
        outcomes.add(outcome);
    }

    /**
     * Releases the lock; the outermost release completes the stages settled meanwhile, so that their
     * dependents never run under the lock.
     */
    private void unlock() {
        List<CompletableFuture<Void>> stages = null;
        List<Throwable> results = null;
        if (settled != null && lock.getHoldCount() == 1) {
            stages = settled;
            results = outcomes;
            settled = null;
            outcomes = null;
        }
        lock.unlock();
        if (stages != null) {
            for (int i = 0; i < stages.size(); i++) {
                Throwable outcome = results.get(i);
                if (outcome == null) {
                    stages.get(i).complete(null);
                } else {
                    stages.get(i).completeExceptionally(outcome);
                }
            }
        }
    }

    /** Encodes a whole unmasked frame, as servers send them (RFC 6455, section 5.2). */
    static byte[] encodeFrame(int opcode, byte[] payload, int offset, int length) {
        byte[] frame = new byte[headerLength(length) + length];
        int p = writeHeader(frame, 0, opcode, length);
        System.arraycopy(payload, offset, frame, p, length);
        return frame;
    }

    private static int headerLength(int length) {
        return length < 126 ? 2 : length < 65536 ? 4 : 10;
    }

    private static int writeHeader(byte[] buffer, int at, int opcode, int length) {
        int p = at;
        buffer[p++] = (byte) (0x80 | opcode);
        if (length < 126) {
            buffer[p++] = (byte) length;
        } else if (length < 65536) {
            buffer[p++] = 126;
            buffer[p++] = (byte) (length >>> 8);
            buffer[p++] = (byte) length;
        } else {
            buffer[p++] = 127;
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[p++] = (byte) ((long) length >>> shift);
            }
        }
        return p;
    }

    private void appendFrame(int opcode, byte[] payload, int offset, int length) {
        ensureCapacity(batchLength + headerLength(length) + length);
        int p = writeHeader(batch, batchLength, opcode, length);
        System.arraycopy(payload, offset, batch, p, length);
        batchLength = p + length;
    }

    private void ensureCapacity(int needed) {
        if (batch == null) {
            batch = new byte[Math.max(256, needed)];
        } else if (batch.length < needed) {
            // doubling, but not past what the buffer may keep unless one frame needs more
            byte[] larger = new byte[Math.max(needed, Math.min(batch.length * 2, RETAINED_BUFFER))];
            System.arraycopy(batch, 0, larger, 0, batchLength);
            batch = larger;
        }
    }

    /**
     * Frames waiting in the queue: one encoded frame (maybe shared by a broadcast's recipients), or a
     * batch moved there whole.
     *
     * @param bytes     the frames
     * @param length    how many of the bytes to write
     * @param stages    the asynchronous sends completed when they are written; may be {@code null}
     * @param droppable whether a drop policy may drop it (a moved batch or a close frame is never dropped)
     */
    private record Queued(byte[] bytes, int length, List<CompletableFuture<Void>> stages, boolean droppable) {
    }
}
