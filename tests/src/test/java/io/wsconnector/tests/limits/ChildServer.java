package io.wsconnector.tests.limits;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.wsconnector.runtime.WebSocketServer;

/**
 * A server in a JVM of its own, for the tests that must not take the test JVM down with it: a small heap, a
 * lowered limit of open files. Serves {@link LargeEchoEndpoint} on a free port of 127.0.0.1, prints
 * {@code PORT <port>} once it listens, and exits when its standard input ends (the test ended or died).
 *
 * <p>{@code GET /hog?millis=N} makes the process open files until it has no descriptor left, hold them for
 * {@code N} ms and close them: the server running out of descriptors for reasons of its own.
 *
 * <p>Arguments: {@code --max-message-size=BYTES}, {@code --inbound-buffer-limit=BYTES},
 * {@code --close-timeout-millis=MILLIS}.
 */
public final class ChildServer {
    private ChildServer() {
    }

    public static void main(String[] args) throws IOException {
        WebSocketServer.Builder builder = WebSocketServer.builder()
                .host("127.0.0.1")
                .port(0)
                .discoverEndpoints(false)
                .addEndpoint(new LargeEchoEndpoint_WebSocketEndpoint())
                .httpRouting(http -> http.get("/hog", (request, response) -> {
                    long millis = Long.parseLong(request.query().get("millis"));
                    response.send("held " + hogDescriptors(millis) + " descriptors for " + millis + " ms");
                }));
        for (String arg : args) {
            String[] option = arg.split("=", 2);
            switch (option[0]) {
                case "--max-message-size" -> builder.maxMessageSize(Integer.parseInt(option[1]));
                case "--inbound-buffer-limit" -> builder.inboundBufferLimit(Long.parseLong(option[1]));
                case "--close-timeout-millis" -> builder.closeTimeout(Duration.ofMillis(Long.parseLong(option[1])));
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        WebSocketServer server = builder.build().start();
        System.out.println("PORT " + server.port());
        System.out.flush();
        System.in.transferTo(OutputStream.nullOutputStream());
        server.stop();
        System.exit(0);
    }

    /** Opens files until none can be opened, holds them, closes them; returns how many it held. */
    private static int hogDescriptors(long millis) {
        List<FileInputStream> held = new ArrayList<>();
        try {
            while (true) {
                held.add(new FileInputStream("/dev/null"));
            }
        } catch (IOException none) {
            // no descriptor left
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (FileInputStream file : held) {
            try {
                file.close();
            } catch (IOException e) {
                // closed anyway
            }
        }
        return held.size();
    }
}
