package io.wsconnector.bench;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;

import io.helidon.common.buffers.BufferData;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.util.ReferenceCountUtil;
import io.wsconnector.runtime.Compression;
import io.wsconnector.runtime.WebSocketServer;

/**
 * The echo servers compared, all serving {@value #PATH}:
 * <ul>
 *     <li>{@code ours}: {@link OursEcho}, served by {@link WebSocketServer};</li>
 *     <li>{@code helidon}: {@link HelidonEcho}, a hand-written {@link WsListener} on a Helidon {@link WebServer}
 *     whose sockets are set up as {@link WebSocketServer} sets them up (TCP_NODELAY on, blocking sockets) and
 *     whose maximum frame length is ours, so that the only difference is the WebSocket layer above;</li>
 *     <li>{@code netty}: {@link NettyEcho} behind Netty 4.2's {@link WebSocketServerProtocolHandler}, with the
 *     pooled allocator and TCP_NODELAY, on the NIO transport (or native epoll on request).</li>
 * </ul>
 * With a {@link DeflateMode} (scenario 9), ours and Netty agree to permessage-deflate in that mode; Helidon has no
 * permessage-deflate and refuses to start.
 * Two deliberately broken variants, {@code netty-corrupt} (flips a byte of every 100th message) and
 * {@code netty-drop} (drops every 100th message), exist only to prove that the load generator notices.
 */
final class EchoServers {
    static final String PATH = "/echo";
    static final List<String> KINDS = List.of("ours", "helidon", "netty");
    static final List<String> FAULTY_KINDS = List.of("netty-corrupt", "netty-drop");
    static final int FAULT_EVERY = 100;

    private EchoServers() {
    }

    /** A started server. */
    interface Running extends AutoCloseable {
        int port();

        /**
         * Answers a command of the server process's own (beyond {@link ServerMain}'s common ones).
         *
         * @param line the command, trimmed
         * @return the reply, without {@code BENCH }, or {@code null} if this server has no such command
         */
        default String command(String line) {
            return null;
        }

        @Override
        void close();
    }

    /**
     * Whether the hand-written Helidon server uses Helidon's NIO sockets. {@link WebSocketServer} turns them off
     * ({@code useNio(false)}: one 8 KiB buffer per connection instead of two), so by default the baseline does
     * the same; the runner's {@code --helidon-use-nio true} shows Helidon's own default instead.
     */
    static final boolean HELIDON_USE_NIO_DEFAULT = false;

    static Running start(String kind, String host, int port, int maxMessageBytes) {
        return start(kind, host, port, maxMessageBytes, HELIDON_USE_NIO_DEFAULT, false);
    }

    /**
     * Starts a server.
     *
     * @param helidonUseNio whether the hand-written Helidon server uses NIO sockets
     * @param nettyEpoll    whether Netty uses its native epoll transport rather than NIO
     */
    static Running start(String kind, String host, int port, int maxMessageBytes, boolean helidonUseNio,
                         boolean nettyEpoll) {
        return start(kind, host, port, maxMessageBytes, helidonUseNio, nettyEpoll, null);
    }

    /**
     * Starts a server, agreeing to permessage-deflate in {@code deflate}'s mode (null: as in scenarios 1-6).
     */
    static Running start(String kind, String host, int port, int maxMessageBytes, boolean helidonUseNio,
                         boolean nettyEpoll, DeflateMode deflate) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "ours" -> ours(host, port, maxMessageBytes, deflate);
            case "helidon" -> {
                if (deflate != null) {
                    throw new IllegalArgumentException("Helidon's WebSocket has no permessage-deflate");
                }
                yield helidon(host, port, maxMessageBytes, helidonUseNio);
            }
            case "netty" -> netty(host, port, maxMessageBytes, Fault.NONE, nettyEpoll, deflate);
            case "netty-corrupt" -> netty(host, port, maxMessageBytes, Fault.CORRUPT, nettyEpoll, deflate);
            case "netty-drop" -> netty(host, port, maxMessageBytes, Fault.DROP, nettyEpoll, deflate);
            default -> throw new IllegalArgumentException("unknown server kind '" + kind + "'; use one of "
                    + KINDS + " (or " + FAULTY_KINDS + " for the self-check)");
        };
    }

    // ---------------------------------------------------------------- (1) ours

    /** The system property that turns ours' metrics on. */
    static final String METRICS_PROPERTY = "wsconnector.bench.metrics";

    /**
     * Ours as an application configures it: compression is on by default without context takeover (null and
     * {@code NO_CONTEXT} are the same server); {@code CONTEXT} keeps the context both ways.
     */
    private static Running ours(String host, int port, int maxMessageBytes, DeflateMode deflate) {
        WebSocketServer.Builder builder = WebSocketServer.builder().host(host).port(port).maxMessageSize(maxMessageBytes);
        if (deflate == DeflateMode.CONTEXT) {
            builder.compression(Compression.builder().serverNoContextTakeover(false).clientNoContextTakeover(false)
                    .build());
        }
        return ours(builder);
    }

    /**
     * Builds and starts ours from this configuration (shared with {@link BroadcastServers}). With the system
     * property {@value #METRICS_PROPERTY}{@code =true} (e.g. in {@code --server-jvm-args}), ours counts its
     * meters in Helidon's global registry, backed by Micrometer: what metrics cost.
     */
    static Running ours(WebSocketServer.Builder configured) {
        if (Boolean.getBoolean(METRICS_PROPERTY)) {
            configured.metrics(Metrics.globalRegistry());
        }
        WebSocketServer server = configured.build().start();
        return new Running() {
            @Override
            public int port() {
                return server.port();
            }

            @Override
            public void close() {
                server.stop();
            }
        };
    }

    // ---------------------------------------------------------------- (2) hand-written Helidon

    /**
     * The same echo by hand on Helidon's own API. One stateless instance serves every connection (the
     * least a hand-written listener needs); wsconnector creates an endpoint instance per connection.
     */
    static final class HelidonEcho implements WsListener {
        @Override
        public void onMessage(WsSession session, String text, boolean last) {
            session.send(text, last);
        }

        @Override
        public void onMessage(WsSession session, BufferData buffer, boolean last) {
            session.send(buffer, last);
        }

        @Override
        public void onPing(WsSession session, BufferData buffer) {
            session.pong(buffer);
        }
    }

    private static Running helidon(String host, int port, int maxMessageBytes, boolean useNio) {
        return helidon(host, port, maxMessageBytes, useNio, PATH, new HelidonEcho());
    }

    /**
     * Starts Helidon's own WebSocket server with {@code listener} at {@code path}, on the sockets
     * {@link WebSocketServer} uses (shared with {@link BroadcastServers}).
     */
    static Running helidon(String host, int port, int maxMessageBytes, boolean useNio, String path,
                           WsListener listener) {
        // the socket settings io.wsconnector.runtime.WebSocketServer uses; the WebSocket layer is Helidon's own
        WebServer server = WebServer.builder()
                .host(host)
                .port(port)
                .connectionOptions(options -> options.tcpNoDelay(true))
                .useNio(useNio)
                .addProtocol(WsConfig.builder().maxFrameLength(maxMessageBytes).build())
                .addRouting(WsRouting.builder().endpoint(path, listener))
                .build()
                .start();
        if (!server.isRunning() || server.port() <= 0) {
            server.stop();
            throw new IllegalStateException("Helidon could not listen on " + host + ":" + port);
        }
        return new Running() {
            @Override
            public int port() {
                return server.port();
            }

            @Override
            public void close() {
                server.stop();
            }
        };
    }

    // ---------------------------------------------------------------- (3) hand-written Netty

    enum Fault { NONE, CORRUPT, DROP }

    /**
     * Echoes each data frame as it came (text, binary or a continuation of either), flushing once per
     * read batch. The frame read is handed to {@code write}, which releases it once sent, so no
     * retain/release pair is needed here (a {@code SimpleChannelInboundHandler} would need a retain).
     */
    @ChannelHandler.Sharable
    static final class NettyEcho extends ChannelInboundHandlerAdapter {
        private final Fault fault;
        private long frames;

        NettyEcho(Fault fault) {
            this.fault = fault;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame
                    || msg instanceof ContinuationWebSocketFrame) {
                if (fault != Fault.NONE && ++frames % FAULT_EVERY == 0) {
                    if (fault == Fault.DROP) {
                        ReferenceCountUtil.release(msg);
                        return;
                    }
                    ByteBuf content = ((WebSocketFrame) msg).content();
                    int index = content.readerIndex() + content.readableBytes() / 2;
                    content.setByte(index, content.getByte(index) ^ 0x01); // ASCII stays ASCII
                }
                ctx.write(msg);
            } else {
                ctx.fireChannelRead(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static Running netty(String host, int port, int maxMessageBytes, Fault fault, boolean epoll,
                                 DeflateMode deflate) {
        NettyEcho shared = new NettyEcho(Fault.NONE);
        return netty(host, port, maxMessageBytes, epoll, PATH, () -> fault == Fault.NONE ? shared : new NettyEcho(fault),
                deflate);
    }

    /**
     * Netty's permessage-deflate handler for the mode: {@link WebSocketServerCompressionHandler} as it comes for
     * context takeover; for no context takeover the same handler's base with the stock handshaker told to allow
     * {@code server_no_context_takeover} (level 6, window 15, and client_no_context_takeover agreed when offered),
     * because the stock one declines every offer that asks for it. Inflated messages are limited as the frames are.
     */
    private static ChannelHandler nettyCompression(DeflateMode deflate, int maxMessageBytes) {
        return deflate == DeflateMode.CONTEXT ? new WebSocketServerCompressionHandler(maxMessageBytes)
                : new WebSocketServerExtensionHandler(new PerMessageDeflateServerExtensionHandshaker(6, false, 15,
                true, true, maxMessageBytes));
    }

    /**
     * Starts Netty with the HTTP codec, the WebSocket handshake at {@code path}, and the handler that
     * {@code handlers} gives each channel last in its pipeline (shared with {@link BroadcastServers}).
     */
    static Running netty(String host, int port, int maxMessageBytes, boolean epoll, String path,
                         Supplier<ChannelHandler> handlers) {
        return netty(host, port, maxMessageBytes, epoll, path, handlers, null);
    }

    /** As above, with permessage-deflate agreed in {@code deflate}'s mode (null: not at all). */
    static Running netty(String host, int port, int maxMessageBytes, boolean epoll, String path,
                         Supplier<ChannelHandler> handlers, DeflateMode deflate) {
        if (epoll && !Epoll.isAvailable()) {
            throw new IllegalStateException("Netty's epoll transport is not available here", Epoll.unavailabilityCause());
        }
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, io);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), io);
        try {
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024) // Helidon's default backlog
                    .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536));
                            if (deflate != null) {
                                ch.pipeline().addLast(nettyCompression(deflate, maxMessageBytes));
                            }
                            ch.pipeline().addLast(
                                    new WebSocketServerProtocolHandler(path, null, deflate != null, maxMessageBytes),
                                    handlers.get());
                        }
                    })
                    .bind(host, port)
                    .sync()
                    .channel();
            int boundPort = ((InetSocketAddress) channel.localAddress()).getPort();
            return new Running() {
                @Override
                public int port() {
                    return boundPort;
                }

                @Override
                public void close() {
                    channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
                    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
                }
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            throw new IllegalStateException("interrupted while binding Netty", e);
        } catch (RuntimeException e) {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            throw e;
        }
    }
}
