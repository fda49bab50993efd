package io.wsconnector.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server process: {@code BenchMain server --kind K [--app echo|broadcast|cluster] [--host H] [--port P]
 * [--max-message BYTES] [--send-queue-limit BYTES] [--max-seconds S] [--helidon-use-nio B]
 * [--netty-transport nio|epoll] [--netty-broadcast-flush each|batch] [--deflate-mode no-context|context]
 * [--redis URI] [--node-id ID]}: an echo server ({@link EchoServers}, the default), the same echo agreeing to
 * permessage-deflate in the {@code --deflate-mode} ({@code --app deflate}), a broadcast server
 * ({@link BroadcastServers}), or a node of the cluster scenario ({@link ClusterServers}: the kind is the variant,
 * {@code --redis} and {@code --node-id} say where and who). Prints {@code BENCH READY port=N} once it listens,
 * then answers commands read from standard input, one a line, each with one {@code BENCH ...} line:
 * <ul>
 *     <li>{@code gc}: {@code BENCH GC heapUsed=B rss=B} (heap used after three full GCs, and VmRSS);</li>
 *     <li>{@code mem}: {@code BENCH MEM heapUsed=B rss=B offHeap=B}: as {@code gc} (but read right after the
 *     last GC, so that a server still busy has not allocated much since), plus the direct memory in
 *     use: the JDK's direct buffers, and for Netty the direct memory its pooled allocator holds (where Netty
 *     keeps what it has not written yet);</li>
 *     <li>{@code alloc}: {@code BENCH ALLOC bytes=B}: bytes allocated by all threads of the JVM so far
 *     (virtual threads included: they allocate on their carrier threads, which are counted);</li>
 *     <li>{@code cpu}: {@code BENCH CPU nanos=N}: CPU time used by the whole process so far;</li>
 *     <li>{@code allocprobe}: allocates 100 MiB in a virtual thread and reports how far {@code alloc}
 *     moved: {@code BENCH ALLOCPROBE expected=B counted=B};</li>
 *     <li>{@code quit}: stops the server and exits;</li>
 *     <li>any other: the server's own ({@link EchoServers.Running#command}), e.g. a cluster node's
 *     {@code stats}.</li>
 * </ul>
 * End of input also exits (the runner died), and so does a watchdog after {@code --max-seconds}.
 */
final class ServerMain {
    private static volatile Object sink;

    private ServerMain() {
    }

    static void main(String[] args) throws Exception {
        String kind = null;
        String app = "echo";
        int sendQueueLimit = io.wsconnector.runtime.WebSocketServer.DEFAULT_SEND_QUEUE_LIMIT;
        String host = "127.0.0.1";
        int port = 0;
        int maxMessage = 1024 * 1024;
        long maxSeconds = 900;
        boolean helidonUseNio = EchoServers.HELIDON_USE_NIO_DEFAULT;
        boolean nettyEpoll = false;
        boolean nettyFlushEach = true;
        DeflateMode deflateMode = DeflateMode.NO_CONTEXT;
        String redis = null;
        String nodeId = "A";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--kind" -> kind = v;
                case "--app" -> app = v;
                case "--send-queue-limit" -> sendQueueLimit = Integer.parseInt(v);
                case "--host" -> host = v;
                case "--port" -> port = Integer.parseInt(v);
                case "--max-message" -> maxMessage = Integer.parseInt(v);
                case "--max-seconds" -> maxSeconds = Long.parseLong(v);
                case "--helidon-use-nio" -> helidonUseNio = Boolean.parseBoolean(v);
                case "--netty-transport" -> nettyEpoll = v.equals("epoll");
                case "--netty-broadcast-flush" -> nettyFlushEach = v.equals("each");
                case "--deflate-mode" -> deflateMode = DeflateMode.parse(v);
                case "--redis" -> redis = v;
                case "--node-id" -> nodeId = v;
                default -> throw new IllegalArgumentException("unknown server argument " + a);
            }
            i++;
        }
        if (kind == null) {
            throw new IllegalArgumentException("server needs --kind");
        }
        long limitMillis = maxSeconds * 1000;
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(limitMillis);
                System.err.println("bench server: --max-seconds reached, exiting");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        EchoServers.Running server = switch (app) {
            case "echo" -> EchoServers.start(kind, host, port, maxMessage, helidonUseNio, nettyEpoll);
            case "deflate" -> EchoServers.start(kind, host, port, maxMessage, helidonUseNio, nettyEpoll, deflateMode);
            case "broadcast" -> BroadcastServers.start(kind, host, port, maxMessage, sendQueueLimit, helidonUseNio,
                    nettyEpoll, nettyFlushEach);
            case "cluster" -> ClusterServers.start(kind, host, port, maxMessage, sendQueueLimit, redis, nodeId);
            default -> throw new IllegalArgumentException("--app takes echo, deflate, broadcast or cluster, not "
                    + app);
        };
        reply("READY port=" + server.port() + " kind=" + kind + " app=" + app + " pid=" + ProcessHandle.current().pid());

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        try {
            while ((line = in.readLine()) != null) {
                switch (line.trim()) {
                    case "gc" -> {
                        for (int i = 0; i < 3; i++) {
                            System.gc();
                            Thread.sleep(100);
                        }
                        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                        reply("GC heapUsed=" + heap + " rss=" + rssBytes() + " gcCount=" + gcCount());
                    }
                    case "mem" -> {
                        for (int i = 0; i < 3; i++) {
                            Thread.sleep(100);
                            System.gc(); // the last one just before reading: nothing allocated since counts
                        }
                        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                        reply("MEM heapUsed=" + heap + " rss=" + rssBytes() + " offHeap=" + offHeapBytes(kind));
                    }
                    case "alloc" -> reply("ALLOC bytes=" + allocatedBytes());
                    case "cpu" -> reply("CPU nanos=" + processCpuNanos());
                    case "allocprobe" -> reply(allocProbe());
                    case "quit" -> {
                        reply("BYE");
                        return;
                    }
                    case "" -> { }
                    default -> {
                        String answer = server.command(line.trim());
                        reply(answer == null ? "ERROR unknown command " + line : answer);
                    }
                }
            }
        } finally {
            try {
                server.close();
            } finally {
                System.out.flush();
                System.exit(0); // Helidon/Netty threads must not keep the JVM alive
            }
        }
    }

    private static void reply(String text) {
        System.out.println("BENCH " + text);
        System.out.flush();
    }

    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String allocProbe() throws InterruptedException {
        long expected = 100L * 1024 * 1024;
        long before = allocatedBytes();
        Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 100; i++) {
                sink = new byte[1024 * 1024];
            }
        }).join();
        long counted = allocatedBytes() - before;
        sink = null;
        return "ALLOCPROBE expected=" + expected + " counted=" + counted;
    }

    private static long gcCount() {
        long count = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }

    /**
     * Direct memory in use: the JDK's direct buffer pool, plus, in a Netty server, what Netty's pooled allocator
     * holds (its own direct memory, not in the JDK's pool when Netty uses {@code Unsafe}).
     */
    static long offHeapBytes(String kind) {
        long bytes = 0;
        for (java.lang.management.BufferPoolMXBean pool
                : ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                bytes += Math.max(0, pool.getMemoryUsed());
            }
        }
        if (kind.startsWith("netty")) {
            bytes += io.netty.buffer.PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
        }
        return bytes;
    }

    /** VmRSS from /proc/self/status, in bytes; -1 where there is no /proc. */
    static long rssBytes() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) {
                    String[] parts = l.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
