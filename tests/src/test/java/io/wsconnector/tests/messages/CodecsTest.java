package io.wsconnector.tests.messages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.testsupport.JdkClient;

/**
 * Codecs of the user's own over real sockets ({@link PlotEndpoint}): a text and a binary message each
 * decoded by the codec listed on the endpoint, the reply encoded by the same codec, and a message the
 * codec refuses closing with its failure's code and fixed reason.
 */
@Timeout(60)
class CodecsTest {
    private static WebSocketServer server;

    @BeforeAll
    static void startServer() {
        server = TestServers.start(new PlotEndpoint_WebSocketEndpoint());
    }

    @AfterAll
    static void stopServer() {
        TestServers.stop(server);
    }

    private static JdkClient plot() throws Exception {
        return JdkClient.connect(TestServers.uri(server, "/plot"));
    }

    private static byte[] point(int x, int y) {
        return ByteBuffer.allocate(8).putInt(x).putInt(y).array();
    }

    @Test
    void aTextMessageIsDecodedAndItsReplyEncodedByTheTextCodec() throws Exception {
        JdkClient client = plot();

        assertEquals("-2,7", client.send("7,-2").awaitText());
        client.close(1000, "");
    }

    @Test
    void aBinaryMessageIsDecodedAndItsReplyEncodedByTheBinaryCodec() throws Exception {
        JdkClient client = plot();

        assertArrayEquals(point(-4, 100_001), client.sendBinary(point(-5, 100_000)).awaitBinary());
        client.close(1000, "");
    }

    @Test
    void aBinaryMessageTheCodecRefuses_closesWith1007AndAFixedReason() throws Exception {
        JdkClient client = plot();

        client.sendBinary(new byte[] {1, 2, 3});

        assertEquals(new JdkClient.Close(1007, "Malformed message"), client.awaitEvent());
    }

    @Test
    void aTextMessageTheCodecRefuses_closesWithItsFailuresCode() throws Exception {
        JdkClient client = plot();

        client.send("1,two");

        assertEquals(new JdkClient.Close(1007, "Message does not fit its type"), client.awaitEvent());
    }
}
