package io.wsconnector.tests.messages;

import java.nio.ByteBuffer;

import io.wsconnector.annotations.OnBinaryMessage;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.codec.BinaryCodec;
import io.wsconnector.runtime.codec.DecodeFailure;
import io.wsconnector.runtime.codec.MessageDecodeException;
import io.wsconnector.runtime.codec.TextCodec;

/**
 * Typed messages through codecs of the user's own, one text and one binary, listed on the endpoint: a
 * point is {@code "x,y"} as text and two big-endian {@code int}s as binary. The replies go back through
 * the same codecs.
 */
@WebSocketUpgradePath(value = "/plot", codecs = {PlotEndpoint.PointText.class, PlotEndpoint.PointBinary.class})
public class PlotEndpoint {

    /** A point of the plane. */
    public record Point(int x, int y) {
    }

    @OnTextMessage
    Point mirror(Point point) {
        return new Point(point.y(), point.x());
    }

    @OnBinaryMessage
    Point shift(Point point) {
        return new Point(point.x() + 1, point.y() + 1);
    }

    /** {@code "x,y"}. */
    public static final class PointText implements TextCodec<Point> {
        @Override
        public Point decode(String text) {
            String[] parts = text.split(",", -1);
            try {
                if (parts.length == 2) {
                    return new Point(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                }
            } catch (NumberFormatException e) {
                throw new MessageDecodeException(DecodeFailure.MISMATCH, text, "not two integers", e);
            }
            throw new MessageDecodeException(DecodeFailure.MALFORMED, text, "not x,y", null);
        }

        @Override
        public String encode(Point value) {
            return value.x() + "," + value.y();
        }
    }

    /** Two big-endian {@code int}s. */
    public static final class PointBinary implements BinaryCodec<Point> {
        @Override
        public Point decode(byte[] data) {
            if (data.length != 2 * Integer.BYTES) {
                throw new MessageDecodeException(DecodeFailure.MALFORMED, data, data.length + " bytes, not 8", null);
            }
            ByteBuffer buffer = ByteBuffer.wrap(data);
            return new Point(buffer.getInt(), buffer.getInt());
        }

        @Override
        public byte[] encode(Point value) {
            return ByteBuffer.allocate(2 * Integer.BYTES).putInt(value.x()).putInt(value.y()).array();
        }
    }
}
