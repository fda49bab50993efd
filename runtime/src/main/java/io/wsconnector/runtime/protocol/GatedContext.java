package io.wsconnector.runtime.protocol;

import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.ServerConnectionException;

/**
 * A connection as Helidon accepted it, with a reader of its own that knows whether a request head is
 * awaited ({@link ConnectionGate}): from the connection's acceptance, and from each response on a
 * kept-alive connection, until the request head has been read. Everything else is the connection's.
 *
 * <p>A client that closes its connection in the middle of a request head would make Helidon's HTTP/1 layer
 * answer 500 and log a warning with a stack trace, once per connection (issue 11): here it ends the
 * connection quietly instead ({@link CloseConnectionException}), counted. A connection closed because its
 * head is overdue fails its read, which Helidon also ends quietly.
 */
final class GatedContext implements ConnectionContext {
    private final ConnectionContext connection;
    private final ConnectionGate gate;
    private final DataReader reader = DataReader.create(this::read);

    /** When the connection began waiting for a request head; 0 while it does not. */
    private volatile long headSinceNanos;
    /** A response has begun since the last head: on a kept-alive connection, the next read awaits a head. */
    private volatile boolean responded;
    /** Whether bytes of the awaited head have arrived (on the connection's thread). */
    private boolean headBegun;
    /** Whether the bytes Helidon read before handing over the connection have been taken (none, usually). */
    private boolean tookHelidonsBytes;

    GatedContext(ConnectionContext connection, ConnectionGate gate) {
        this.connection = connection;
        this.gate = gate;
        awaitHead();
    }

    /** When the connection began waiting for a request head; 0 while it does not. */
    long headSinceNanos() {
        return headSinceNanos;
    }

    /** The request head has been read. */
    void headRead() {
        headSinceNanos = 0;
        headBegun = false;
        gate.headDone(this);
    }

    /** A response has begun. */
    void responded() {
        responded = true;
    }

    /** Who is on the other end, for the log. */
    String remote() {
        PeerInfo peer = connection.remotePeer();
        return peer.host() + ":" + peer.port();
    }

    /** Closes the connection: the thread reading it fails its read. */
    void close() {
        try {
            connection.serverSocket().close();
        } catch (RuntimeException e) {
            // closed already
        }
    }

    private void awaitHead() {
        headSinceNanos = System.nanoTime();
        gate.awaitHead(this);
    }

    /** The reader's source: the socket's next bytes, or {@code null} at its end. */
    private byte[] read() {
        if (!tookHelidonsBytes) {
            tookHelidonsBytes = true;
            DataReader helidons = connection.dataReader();
            if (helidons.available() > 0) { // read to choose among several protocols: not ours to lose
                return helidons.readBytes(helidons.available());
            }
        }
        if (responded) {
            responded = false;
            awaitHead();
        }
        byte[] bytes;
        try {
            bytes = connection.serverSocket().get();
        } catch (UncheckedIOException e) {
            throw new ServerConnectionException("Failed to get data from socket", e);
        }
        if (headSinceNanos != 0) {
            if (bytes == null) {
                if (headBegun) {
                    gate.abandoned(this);
                }
                throw new CloseConnectionException("The client closed the connection before a whole request");
            }
            headBegun = true;
        }
        return bytes;
    }

    @Override
    public ListenerContext listenerContext() {
        return connection.listenerContext();
    }

    @Override
    public ExecutorService executor() {
        return connection.executor();
    }

    @Override
    public DataWriter dataWriter() {
        return connection.dataWriter();
    }

    @Override
    public DataReader dataReader() {
        return reader;
    }

    @Override
    public Router router() {
        return connection.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
        return connection.proxyProtocolData();
    }

    @Override
    public HelidonSocket serverSocket() {
        return connection.serverSocket();
    }

    @Override
    public PeerInfo remotePeer() {
        return connection.remotePeer();
    }

    @Override
    public PeerInfo localPeer() {
        return connection.localPeer();
    }

    @Override
    public boolean isSecure() {
        return connection.isSecure();
    }

    @Override
    public String socketId() {
        return connection.socketId();
    }

    @Override
    public String childSocketId() {
        return connection.childSocketId();
    }
}
