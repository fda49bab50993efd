package io.wsconnector.runtime.protocol;

import java.util.List;

import io.wsconnector.runtime.deflate.DeflateExtension;
import io.wsconnector.runtime.deflate.DeflateSettings;
import io.wsconnector.runtime.deflate.MessageDeflater;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A broadcast encodes its message once per way of sending it, whatever the number of recipients. */
class BroadcastMessageTest {
    private static final String JSON = "{\"id\":1,\"name\":\"alice\",\"tags\":[\"a\",\"b\"]}".repeat(40);

    @Test
    void recipientsWithoutContextShareOneCompressedFrameAndOthersOneUncompressedFrame() {
        DeflateExtension extension = new DeflateExtension(new DeflateSettings(true, true, 15, 6, 0));
        MessageDeflater shared = extension.negotiate(List.of("permessage-deflate")).newDeflater();
        MessageDeflater literalsOnly = extension.negotiate(List.of("permessage-deflate; server_max_window_bits=9"))
                .newDeflater();
        BroadcastMessage message = BroadcastMessage.text(JSON);

        byte[] compressed = message.frame(shared);
        assertSame(compressed, message.frame(shared), "compressed once");
        assertEquals(0xC1, compressed[0] & 0xFF, "FIN, RSV1, text");
        byte[] uncompressed = message.frame(null);
        assertSame(uncompressed, message.frame(null));
        assertEquals(0x81, uncompressed[0] & 0xFF);
        byte[] huffman = message.frame(literalsOnly);
        assertNotSame(compressed, huffman);
        assertSame(huffman, message.frame(literalsOnly));
        assertSame(compressed, message.frame(shared));
    }
}
