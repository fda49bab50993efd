package test;

import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.internal.AsyncReplies;
import io.wsconnector.runtime.internal.HandshakeValues;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.Generated;

/**
 * Delivers one connection's events to its {@link Telemetry} instance.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
final class Telemetry_WebSocketDispatcher implements WebSocketDispatcher {
    private final Telemetry endpoint;

    private final UUID deviceId;

    private final Telemetry.Channel channel;

    private final boolean verbose;

    private final Optional<Long> messageQuery;

    private final long since;

    private final String xFirmware;

    Telemetry_WebSocketDispatcher(Telemetry endpoint, HandshakeRequest request) {
        this.endpoint = endpoint;
        this.deviceId = HandshakeValues.convert(request.pathParam("deviceId"),
                "path parameter 'deviceId'", UUID::fromString);
        this.channel = HandshakeValues.convert(request.pathParam("channel"),
                "path parameter 'channel'", Telemetry.Channel::valueOf);
        this.verbose = HandshakeValues.require(request.queryParam("verbose"),
                "query parameter 'verbose'", HandshakeValues::parseBoolean);
        this.messageQuery = HandshakeValues.convertOptional(request.queryParam("message"),
                "query parameter 'message'", Long::parseLong);
        this.since = HandshakeValues.require(request.queryParam("since"), "query parameter 'since'",
                Long::parseLong);
        this.xFirmware = HandshakeValues.require(request.header("X-Firmware"),
                "header 'X-Firmware'");
    }

    @Override
    public void onOpen(WebSocketSession session) {
        endpoint.opened(deviceId, channel, verbose, xFirmware, session.handshake());
    }

    @Override
    public CompletionStage<?> onBinaryMessage(WebSocketSession session, byte[] message) throws
            Exception {
        return AsyncReplies.sendBinaryBuffer(session, endpoint.sample(ByteBuffer.wrap(message),
                deviceId, messageQuery, since));
    }

    @Override
    public boolean onError(WebSocketSession session, Throwable error) throws Exception {
        if (error instanceof IllegalStateException e) {
            endpoint.stateLost(e, session);
            return true;
        }
        endpoint.failed(error, xFirmware);
        return true;
    }
}
