package test;

import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.codec.BinaryCodec;
import io.wsconnector.runtime.codec.MessageDecodeException;
import io.wsconnector.runtime.codec.TextCodec;
import io.wsconnector.runtime.internal.DecodeFailures;
import io.wsconnector.runtime.internal.TypedReplies;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.Generated;

/**
 * Delivers one connection's events to its {@link Plotter} instance.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
final class Plotter_WebSocketDispatcher implements WebSocketDispatcher {
    private static final TextCodec<Plotter.Point> POINT = new Plotter.PointText();

    private static final BinaryCodec<Plotter.Point> POINT_BINARY = new Plotter.PointBytes();

    private final Plotter endpoint;

    Plotter_WebSocketDispatcher(Plotter endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public boolean takesUtf8Text() {
        return true;
    }

    @Override
    public CompletionStage<?> onUtf8TextMessage(WebSocketSession session, byte[] message) {
        return TypedReplies.sendText(session, endpoint.mirror(POINT.decodeUtf8(message)), POINT);
    }

    @Override
    public CompletionStage<?> onBinaryMessage(WebSocketSession session, byte[] message) {
        Plotter.Point reply = endpoint.plot(POINT_BINARY.decode(message));
        if (reply != null) {
            session.broadcastBinary(POINT_BINARY.encode(reply));
        }
        return null;
    }

    @Override
    public boolean onError(WebSocketSession session, Throwable error) {
        if (error instanceof MessageDecodeException e) {
            DecodeFailures.close(session, e);
            return true;
        }
        return false;
    }
}
