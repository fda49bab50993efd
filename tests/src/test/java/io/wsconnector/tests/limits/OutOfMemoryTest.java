package io.wsconnector.tests.limits;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever fails on an upgraded connection, the client sees a WebSocket close or the end of the TCP
 * connection, never an HTTP response inside the WebSocket stream (issue 11, finding 4: an
 * {@code OutOfMemoryError} became a raw {@code HTTP/1.1 500}, which a client read as a close frame with
 * "code 21584"). The server runs in a JVM with a {@value #HEAP_MIB} MiB heap, its inbound budget lifted,
 * and accepts messages far larger than that heap: a {@value #MESSAGE_MIB} MiB message makes it run out of
 * memory.
 */
@Timeout(180)
class OutOfMemoryTest {
    private static final int HEAP_MIB = 64;
    private static final int MESSAGE_MIB = 160;

    @Test
    void aConnectionThatRunsOutOfMemoryEndsWithACloseFrameAndTheServerServesOn() throws Exception {
        try (ChildJvm child = ChildJvm.start(0, List.of("-Xmx" + HEAP_MIB + "m"),
                "--max-message-size=" + (512 * 1024 * 1024), "--inbound-buffer-limit=" + Long.MAX_VALUE,
                "--close-timeout-millis=30000");
             RawWebSocketClient client = RawWebSocketClient.connect(child.port(), "/large-echo")) {
            client.readTimeout(120_000);
            AtomicReference<IOException> sendFailure = new AtomicReference<>();
            Thread sender = Thread.ofPlatform().daemon().start(() -> {
                try {
                    LargeMessages.sendBinary(client, new byte[1024 * 1024], MESSAGE_MIB * 1024L * 1024L);
                } catch (IOException e) {
                    sendFailure.set(e);
                }
            });

            try {
                RawWebSocketClient.Frame frame = client.readFrame();
                assertEquals(RawWebSocketClient.CLOSE, frame.opcode(), () -> "expected a close frame, got " + frame
                        + " starting with '" + new String(frame.payload(), 0, Math.min(40, frame.payload().length),
                        StandardCharsets.ISO_8859_1) + "'");
                assertEquals(0, frame.rsv(), () -> "an HTTP response read as a frame? " + frame);
                assertTrue(frame.closeCode() == 1011 || frame.closeCode() == 1013, frame::toString);
            } catch (EOFException | SocketException e) {
                // if not even a close frame could be written: the end of the TCP connection
            }
            sender.join(60_000);
        }
    }

    @Test
    void afterRunningOutOfMemoryTheServerStillServesOthers() throws Exception {
        try (ChildJvm child = ChildJvm.start(0, List.of("-Xmx" + HEAP_MIB + "m"),
                "--max-message-size=" + (512 * 1024 * 1024), "--inbound-buffer-limit=" + Long.MAX_VALUE);
             Canary canary = Canary.start(child.port())) {
            canary.assertServed(3);
            try (RawWebSocketClient client = RawWebSocketClient.connect(child.port(), "/large-echo")) {
                LargeMessages.sendBinary(client, new byte[1024 * 1024], MESSAGE_MIB * 1024L * 1024L);
                client.readFramesUntilEndOfStream(60_000);
            } catch (IOException e) {
                // the server may reset a client that keeps sending what it will not read
            }
            canary.assertServed(5);
            try (RawWebSocketClient other = RawWebSocketClient.connect(child.port(), "/large-echo")) {
                other.sendText("hello");
                assertEquals("hello", other.readText());
            }
        }
    }
}
