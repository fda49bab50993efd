/**
 * The WebSocket protocol behind {@link io.wsconnector.runtime.WebSocketServer}, plugged into Helidon's
 * HTTP/1 server through its upgrade SPI: the opening handshake (RFC 6455, section 4), frames and messages
 * (sections 5 and 6), the closing handshake (section 7), and each endpoint's sessions and rooms.
 *
 * <p>Not exported by the module, and not API: the few public types here are public only so that
 * {@code WebSocketServer} and Helidon's service loader can reach them.
 *
 * <p>One connection, from the wire to the endpoint and back:
 * <pre>
 * ConnectionGate (the cap; GatedContext: the handshake timeout) ──▶ Helidon's HTTP/1 connection
 * WebSocketUpgrader ── 101 ──▶ WebSocketConnection (read loop, close timeout, reading on after failing)
 *                                │ FrameReader ─▶ MessageAssembler ─▶ HandlerCalls ─▶ dispatcher
 *                                │ CloseHandshake, ConnectionDeadlines   │ (@OnError, 1011, @OnClose once)
 *                                ▼                                       ▼
 *                              OutboundFrames ◀──────────────────── ConnectionSession (the endpoint's view)
 *                                │ FrameBatch (own thread), SendQueue (other threads, slow-consumer policy)
 *                                ▼
 *                              FrameWriter (one writer at a time, to the socket)
 * </pre>
 * One {@link ServerClock} thread per server keeps every deadline (handshakes, idle and message timeouts, send
 * queues' soft windows), and {@link CountedLog} counts what clients make the server do instead of logging it
 * each time. What an endpoint's meters count goes to its {@link EndpointMetrics}; messages go first to the
 * connection's {@link MessageTally}, from which the clock collects them ({@link MessageCounts}). Calls go one way: a class that is called back gets a callback ({@code Runnable},
 * {@code Consumer}) rather than a reference to its caller.
 */
package io.wsconnector.runtime.protocol;
