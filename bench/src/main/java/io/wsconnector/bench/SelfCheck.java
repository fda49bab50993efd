package io.wsconnector.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves, in a few seconds and in one JVM, that the load generator measures what it claims: correct echo
 * servers give no mismatch (small and large, text and binary, 2- and 8-byte lengths), a server that flips a
 * byte or drops a message is caught, and a handshake with a wrong {@code Sec-WebSocket-Accept} is refused;
 * and the same for the fan-out load generator: the three broadcast servers pass, one that drops or alters a
 * message for one receiver is caught.
 * {@code java -jar wsconnector-bench.jar selfcheck}; also run by the module's test.
 */
final class SelfCheck {
    private SelfCheck() {
    }

    static boolean run(PrintStream out) {
        // the servers run in this JVM here: keep their INFO lines out of the report
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        List<String> problems = new ArrayList<>();
        expectClean(out, problems, "netty", 8, 4, 64, PayloadKind.TEXT);
        expectClean(out, problems, "netty", 4, 2, 16 * 1024, PayloadKind.BINARY);
        expectClean(out, problems, "netty", 1, 2, 70_000, PayloadKind.TEXT);
        expectClean(out, problems, "helidon", 8, 4, 64, PayloadKind.TEXT);
        expectClean(out, problems, "helidon", 2, 2, 16 * 1024, PayloadKind.BINARY);
        expectClean(out, problems, "ours", 8, 4, 64, PayloadKind.TEXT);
        expectClean(out, problems, "ours", 4, 2, 16 * 1024, PayloadKind.TEXT);
        expectClean(out, problems, "ours", 4, 2, 16 * 1024, PayloadKind.BINARY);
        expectCaught(out, problems, "netty-corrupt", "differs from what was sent");
        expectCaught(out, problems, "netty-drop", "differs from what was sent");
        expectBadHandshakeRefused(out, problems);
        for (String kind : EchoServers.KINDS) {
            expectFanOutClean(out, problems, kind);
        }
        expectFanOutCaught(out, problems, "netty-drop", "was lost");
        expectFanOutCaught(out, problems, "netty-corrupt", "differs from what was sent");
        expectServerErrorRetried(out, problems);
        if (problems.isEmpty()) {
            out.println("selfcheck: OK");
            return true;
        }
        out.println("selfcheck: FAILED");
        for (String p : problems) {
            out.println("  " + p);
        }
        return false;
    }

    private static void expectClean(PrintStream out, List<String> problems, String kind, int connections,
                                    int pipeline, int payload, PayloadKind payloadKind) {
        String what = kind + " " + connections + "×" + pipeline + "×" + payload + " B " + payloadKind;
        try (EchoServers.Running server = EchoServers.start(kind, Options.HOST, 0, 1024 * 1024);
             LoadGenerator gen = LoadGenerator.start(LoadGenerator.Config.of(Options.HOST, server.port(), connections,
                     pipeline, payload, payloadKind))) {
            gen.awaitOpen(Duration.ofSeconds(20));
            gen.resume();
            gen.sleepChecking(Duration.ofMillis(700));
            gen.pause();
            gen.awaitDrained(Duration.ofSeconds(10));
            gen.check();
            if (gen.echoed() == 0 || gen.mismatches() != 0) {
                problems.add(what + ": " + gen.echoed() + " echoes, " + gen.mismatches() + " mismatches");
            } else {
                out.println("  ok  " + what + ": " + gen.echoed() + " echoes checked, no mismatch");
            }
        } catch (IOException | RuntimeException e) {
            problems.add(what + ": " + e);
        }
    }

    private static void expectCaught(PrintStream out, List<String> problems, String kind, String expected) {
        try (EchoServers.Running server = EchoServers.start(kind, Options.HOST, 0, 1024 * 1024);
             LoadGenerator gen = LoadGenerator.start(LoadGenerator.Config.of(Options.HOST, server.port(), 4, 4, 64,
                     PayloadKind.TEXT))) {
            gen.awaitOpen(Duration.ofSeconds(20));
            gen.resume();
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (gen.failure() == null && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            gen.pause();
            String failure = gen.failure();
            if (failure == null || gen.mismatches() == 0 || !failure.contains(expected)) {
                problems.add(kind + ": not caught (failure " + failure + ", mismatches " + gen.mismatches() + ")");
            } else {
                out.println("  ok  " + kind + " caught after " + gen.echoed() + " good echoes: " + failure);
            }
        } catch (IOException | RuntimeException e) {
            problems.add(kind + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add(kind + ": interrupted");
        }
    }

    /** A correct broadcast server: every receiver gets every message, checked, and the sender none. */
    private static void expectFanOutClean(PrintStream out, List<String> problems, String kind) {
        int receivers = 50;
        String what = "fan-out " + kind + " 1 → " + receivers + " × 64 B";
        try (EchoServers.Running server = BroadcastServers.start(kind, Options.HOST, 0, 1024 * 1024, 1024 * 1024,
                false, false);
             FanOutLoad load = FanOutLoad.start(FanOutLoad.Config.of(Options.HOST, server.port(), receivers, 64, 4,
                     false))) {
            load.awaitOpen(Duration.ofSeconds(20));
            load.sync(Duration.ofSeconds(10));
            load.resume();
            load.sleepChecking(Duration.ofMillis(700));
            load.pause();
            load.awaitDrained(Duration.ofSeconds(10));
            load.check();
            if (load.sent() == 0 || load.deliveries() != load.sent() * receivers || load.mismatches() != 0) {
                problems.add(what + ": " + load.sent() + " sent, " + load.deliveries() + " deliveries, "
                        + load.mismatches() + " mismatches");
            } else {
                out.println("  ok  " + what + ": " + load.sent() + " messages, " + load.deliveries()
                        + " deliveries checked, no mismatch");
            }
        } catch (IOException | RuntimeException e) {
            problems.add(what + ": " + e);
        }
    }

    private static void expectFanOutCaught(PrintStream out, List<String> problems, String kind, String expected) {
        try (EchoServers.Running server = BroadcastServers.start(kind, Options.HOST, 0, 1024 * 1024, 1024 * 1024,
                false, false);
             FanOutLoad load = FanOutLoad.start(FanOutLoad.Config.of(Options.HOST, server.port(), 10, 64, 4,
                     false))) {
            load.awaitOpen(Duration.ofSeconds(20));
            load.sync(Duration.ofSeconds(10));
            load.resume();
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (load.failure() == null && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            load.pause();
            String failure = load.failure();
            if (failure == null || load.mismatches() == 0 || !failure.contains(expected)) {
                problems.add("fan-out " + kind + ": not caught (failure " + failure + ", mismatches "
                        + load.mismatches() + ")");
            } else {
                out.println("  ok  fan-out " + kind + " caught after " + load.deliveries() + " good deliveries: "
                        + failure);
            }
        } catch (IOException | RuntimeException e) {
            problems.add("fan-out " + kind + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("fan-out " + kind + ": interrupted");
        }
    }

    /**
     * A fake server that answers the first handshake with 500 and the others with a correct 101: the fan-out
     * load generator makes that connection again, counts it, and opens them all.
     */
    private static void expectServerErrorRetried(PrintStream out, List<String> problems) {
        List<Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket fake = new ServerSocket(0, 50, InetAddress.getByName(Options.HOST))) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < 4; i++) {
                    try {
                        Socket s = fake.accept();
                        held.add(s);
                        s.setSoTimeout(5000);
                        InputStream in = s.getInputStream();
                        StringBuilder head = new StringBuilder();
                        while (!head.toString().endsWith("\r\n\r\n")) {
                            int b = in.read();
                            if (b < 0) {
                                break;
                            }
                            head.append((char) b);
                        }
                        String key = "";
                        for (String line : head.toString().split("\r\n")) {
                            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-key:")) {
                                key = line.substring(line.indexOf(':') + 1).trim();
                            }
                        }
                        OutputStream o = s.getOutputStream();
                        o.write((i == 0
                                ? "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                : "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                + "Sec-WebSocket-Accept: " + LoadGenerator.acceptFor(key) + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        o.flush();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "fake-server");
            t.setDaemon(true);
            t.start();
            try (FanOutLoad load = FanOutLoad.start(FanOutLoad.Config.of(Options.HOST, fake.getLocalPort(), 2, 64, 1,
                    false))) {
                load.awaitOpen(Duration.ofSeconds(10));
                if (load.handshakeRetries() != 1) {
                    problems.add("a handshake answered 500: " + load.handshakeRetries() + " retries counted, not 1");
                } else {
                    out.println("  ok  a handshake answered 500 is made again and reported: "
                            + load.lastHandshakeError());
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add("a handshake answered 500: " + e);
        } finally {
            for (Socket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    /** A fake server that answers 101 with a wrong Sec-WebSocket-Accept must not count as a connection. */
    private static void expectBadHandshakeRefused(PrintStream out, List<String> problems) {
        try (ServerSocket fake = new ServerSocket(0, 50, InetAddress.getByName(Options.HOST))) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < 2; i++) {
                    try (Socket s = fake.accept()) {
                        s.setSoTimeout(5000);
                        InputStream in = s.getInputStream();
                        int matched = 0;
                        while (matched < 4) {
                            int b = in.read();
                            if (b < 0) {
                                break;
                            }
                            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
                        }
                        OutputStream o = s.getOutputStream();
                        o.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                + "Sec-WebSocket-Accept: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        o.flush();
                        Thread.sleep(200);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            }, "fake-server");
            t.setDaemon(true);
            t.start();
            int port = fake.getLocalPort();
            boolean blocking = LoadGenerator.handshakeOnce(Options.HOST, port, EchoServers.PATH, 1000, 3000);
            String nio;
            try (LoadGenerator gen = LoadGenerator.start(LoadGenerator.Config.of(Options.HOST, port, 1, 1, 64,
                    PayloadKind.TEXT))) {
                gen.awaitOpen(Duration.ofSeconds(5));
                nio = null;
            } catch (BenchException e) {
                nio = e.getMessage();
            }
            if (blocking || nio == null || !nio.contains("Sec-WebSocket-Accept")) {
                problems.add("wrong Sec-WebSocket-Accept: accepted (blocking probe " + blocking + ", load generator "
                        + nio + ")");
            } else {
                out.println("  ok  a wrong Sec-WebSocket-Accept is refused: " + nio);
            }
        } catch (IOException e) {
            problems.add("fake server: " + e);
        }
    }
}
