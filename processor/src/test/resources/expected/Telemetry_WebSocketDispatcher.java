package test;

import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.spi.AsyncReplies;
import io.wsconnector.runtime.spi.HandshakeValues;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * Delivers one connection's events to its {@link Telemetry} instance.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
final class Telemetry_WebSocketDispatcher implements WebSocketDispatcher {
    private final Telemetry endpoint;

    private UUID deviceId;

    private Telemetry.Channel channel;

    private boolean verbose;

    private Optional<Long> messageQuery;

    private long since;

    private String xFirmware;

    Telemetry_WebSocketDispatcher(Telemetry endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void onUpgrade(HandshakeRequest request, WebSocketSession session) {
        this.deviceId = HandshakeValues.convert(request.pathParam("deviceId"),
                "path parameter 'deviceId'", UUID::fromString);
        this.channel = HandshakeValues.convert(request.pathParam("channel"),
                "path parameter 'channel'", Telemetry.Channel::valueOf);
        this.verbose = HandshakeValues.convert(request.queryParam("verbose").orElse(null),
                "query parameter 'verbose'", HandshakeValues::parseBoolean);
        this.messageQuery = HandshakeValues.convertOptional(request.queryParam("message"),
                "query parameter 'message'", Long::parseLong);
        this.since = HandshakeValues.convert(request.queryParam("since").orElse(null),
                "query parameter 'since'", Long::parseLong);
        this.xFirmware = HandshakeValues.require(request.header("X-Firmware").orElse(null),
                "header 'X-Firmware'");
    }

    @Override
    public void onOpen(WebSocketSession session) {
        endpoint.opened(deviceId, channel, verbose, xFirmware, session.handshake());
    }

    @Override
    public void onBinaryMessage(WebSocketSession session, byte[] message) throws Exception {
        AsyncReplies.sendBinaryBuffer(session, endpoint.sample(ByteBuffer.wrap(message), deviceId,
                messageQuery, since));
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
