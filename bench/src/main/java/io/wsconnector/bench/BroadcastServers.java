package io.wsconnector.bench;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.webserver.WebServer;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelMatchers;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.wsconnector.runtime.WebSocketServer;

/**
 * The broadcast servers of the fan-out scenarios (7 and 8), all serving {@value #PATH}: every text message a
 * client sends goes to every <em>other</em> open connection (the sender does not get its own message back),
 * in the order the sender sent them.
 * <ul>
 *     <li>{@code ours}: {@link OursBroadcast} ({@code session.broadcastText(message, other -> other != session)}),
 *     served by {@link WebSocketServer} with an explicit {@link WebSocketServer.Builder#sendQueueLimit send-queue
 *     limit} (the runner's {@code --send-queue-limit}, 1 MiB by default, the runtime's default too) and the
 *     default slow-consumer policy ({@code CLOSE}: 1008);</li>
 *     <li>{@code helidon}: {@link HelidonBroadcast}, a hand-written {@link WsListener} keeping the open
 *     {@link WsSession}s in a concurrent set and looping over them with {@code send(text, last)} on the sender's
 *     thread, on a Helidon {@link WebServer} set up as in {@link EchoServers};</li>
 *     <li>{@code netty}: {@link NettyBroadcast}, a hand-written handler adding each channel to a
 *     {@link DefaultChannelGroup} when its handshake completes and calling
 *     {@code group.writeAndFlush(frame, ChannelMatchers.isNot(sender))}: the group writes a retained duplicate of
 *     the one received frame to each channel (the bytes are shared), on the same bootstrap as
 *     {@link EchoServers}' Netty echo; with {@code --netty-broadcast-flush batch}, a tuned variant:
 *     {@code group.write(frame, isNot(sender), true)} (void promises: no future per channel and message) and one
 *     {@code group.flush} per read batch, as the Netty echo flushes.</li>
 * </ul>
 * Each is what a user of that library writes by hand (or, for ours, with the runtime's broadcast). Two
 * deliberately broken variants, {@code netty-drop} (every 100th message skips one recipient) and
 * {@code netty-corrupt} (every 100th message reaches one recipient with a flipped byte), exist only to prove
 * that {@link FanOutLoad} notices.
 */
final class BroadcastServers {
    static final String PATH = "/broadcast";

    private BroadcastServers() {
    }

    /** Starts a broadcast server; Netty flushes each message. */
    static EchoServers.Running start(String kind, String host, int port, int maxMessageBytes, int sendQueueLimit,
                                     boolean helidonUseNio, boolean nettyEpoll) {
        return start(kind, host, port, maxMessageBytes, sendQueueLimit, helidonUseNio, nettyEpoll, true);
    }

    /**
     * Starts a broadcast server.
     *
     * @param sendQueueLimit ours' send-queue limit in bytes (ignored by the others, which have none)
     * @param nettyFlushEach whether Netty flushes each message ({@code group.writeAndFlush}, the default) or
     *                       writes them with void promises and flushes once per read batch ({@code group.write},
     *                       then {@code group.flush} in {@code channelReadComplete}, as {@link EchoServers}' echo
     *                       flushes)
     */
    static EchoServers.Running start(String kind, String host, int port, int maxMessageBytes, int sendQueueLimit,
                                     boolean helidonUseNio, boolean nettyEpoll, boolean nettyFlushEach) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "ours" -> ours(host, port, maxMessageBytes, sendQueueLimit);
            case "helidon" -> helidon(host, port, maxMessageBytes, helidonUseNio);
            case "netty" -> netty(host, port, maxMessageBytes, EchoServers.Fault.NONE, nettyEpoll, nettyFlushEach);
            case "netty-corrupt" -> netty(host, port, maxMessageBytes, EchoServers.Fault.CORRUPT, nettyEpoll, true);
            case "netty-drop" -> netty(host, port, maxMessageBytes, EchoServers.Fault.DROP, nettyEpoll, true);
            default -> throw new IllegalArgumentException("unknown server kind '" + kind + "'; use one of "
                    + EchoServers.KINDS + " (or " + EchoServers.FAULTY_KINDS + " for the self-check)");
        };
    }

    // ---------------------------------------------------------------- (1) ours

    private static EchoServers.Running ours(String host, int port, int maxMessageBytes, int sendQueueLimit) {
        return EchoServers.ours(WebSocketServer.builder()
                .host(host)
                .port(port)
                .maxMessageSize(maxMessageBytes)
                .sendQueueLimit(sendQueueLimit));
    }

    // ---------------------------------------------------------------- (2) hand-written Helidon

    /**
     * The broadcast by hand on Helidon's own API: one listener for all connections, the open sessions in a
     * concurrent set, and a loop over them on the sender's thread. {@code send} blocks while a client's TCP
     * window is full, so the loop waits for the slowest client (and so does every client after it).
     */
    static final class HelidonBroadcast implements WsListener {
        private final Set<WsSession> sessions = ConcurrentHashMap.newKeySet();

        @Override
        public void onOpen(WsSession session) {
            sessions.add(session);
        }

        @Override
        public void onMessage(WsSession sender, String text, boolean last) {
            for (WsSession session : sessions) {
                if (session != sender) {
                    try {
                        session.send(text, last);
                    } catch (RuntimeException e) {
                        sessions.remove(session); // it closed meanwhile
                    }
                }
            }
        }

        @Override
        public void onClose(WsSession session, int status, String reason) {
            sessions.remove(session);
        }

        @Override
        public void onError(WsSession session, Throwable t) {
            sessions.remove(session);
        }
    }

    private static EchoServers.Running helidon(String host, int port, int maxMessageBytes, boolean useNio) {
        return EchoServers.helidon(host, port, maxMessageBytes, useNio, PATH, new HelidonBroadcast());
    }

    // ---------------------------------------------------------------- (3) hand-written Netty

    /**
     * The broadcast by hand on Netty: a {@link DefaultChannelGroup} of the channels whose WebSocket handshake
     * completed (a closed channel leaves it by itself), and {@code group.writeAndFlush(frame, isNot(sender))},
     * which writes {@code frame.retainedDuplicate()} to each channel and releases the frame read. Nothing
     * limits what a channel that does not read keeps queued: its writability is not checked (the group does
     * not check it, and a hand-written broadcast rarely does).
     */
    @ChannelHandler.Sharable
    static final class NettyBroadcast extends ChannelInboundHandlerAdapter {
        /** Set on a channel that has written to the group and not flushed it yet (flush per read batch). */
        private static final AttributeKey<Boolean> UNFLUSHED = AttributeKey.valueOf("wsconnector.bench.unflushed");
        private final ChannelGroup group = new DefaultChannelGroup("broadcast", GlobalEventExecutor.INSTANCE);
        private final EchoServers.Fault fault;
        private final boolean flushEach;
        private long messages;

        NettyBroadcast(EchoServers.Fault fault, boolean flushEach) {
            this.fault = fault;
            this.flushEach = flushEach;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                group.add(ctx.channel());
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame frame) {
                if (fault != EchoServers.Fault.NONE && faulty()) {
                    broadcastWithFault(ctx.channel(), frame);
                } else if (flushEach) {
                    group.writeAndFlush(frame, ChannelMatchers.isNot(ctx.channel()));
                } else {
                    group.write(frame, ChannelMatchers.isNot(ctx.channel()), true); // void promises
                    ctx.channel().attr(UNFLUSHED).set(Boolean.TRUE);
                }
            } else {
                ctx.fireChannelRead(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (!flushEach && ctx.channel().attr(UNFLUSHED).getAndSet(null) != null) {
                group.flush(ChannelMatchers.isNot(ctx.channel()));
            }
            ctx.fireChannelReadComplete();
        }

        private synchronized boolean faulty() {
            return ++messages % EchoServers.FAULT_EVERY == 0;
        }

        /** The self-check's broken variants: the first other channel misses the message, or gets it altered. */
        private void broadcastWithFault(Channel sender, TextWebSocketFrame frame) {
            boolean first = true;
            for (Channel channel : group) {
                if (channel == sender) {
                    continue;
                }
                if (first) {
                    first = false;
                    if (fault == EchoServers.Fault.DROP) {
                        continue;
                    }
                    ByteBuf copy = frame.content().copy();
                    int index = copy.readerIndex() + copy.readableBytes() / 2;
                    copy.setByte(index, copy.getByte(index) ^ 0x01); // ASCII stays ASCII
                    channel.writeAndFlush(new TextWebSocketFrame(copy));
                    continue;
                }
                channel.writeAndFlush(frame.retainedDuplicate());
            }
            ReferenceCountUtil.release(frame);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static EchoServers.Running netty(String host, int port, int maxMessageBytes, EchoServers.Fault fault,
                                             boolean epoll, boolean flushEach) {
        NettyBroadcast broadcast = new NettyBroadcast(fault, flushEach); // one group: one handler for every channel
        return EchoServers.netty(host, port, maxMessageBytes, epoll, PATH, () -> broadcast);
    }
}
