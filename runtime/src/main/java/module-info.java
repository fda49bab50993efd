/**
 * Serves wsconnector endpoints on Helidon 4 WebServer: {@code io.wsconnector.runtime} is the API a user
 * types, {@code io.wsconnector.runtime.codec} the codecs of typed messages,
 * {@code io.wsconnector.runtime.spi} the contract generated code implements,
 * {@code io.wsconnector.runtime.internal} the helpers generated code calls (not API), and
 * {@code io.wsconnector.runtime.cluster} the contract a cluster module implements. The WebSocket
 * protocol itself ({@code io.wsconnector.runtime.protocol}) is not exported.
 */
module io.wsconnector.runtime {
    // the builder exposes Helidon's WebServer and HTTP routing builders
    requires transitive io.helidon.webserver;
    // the builder takes Helidon's configuration (io.helidon.config.Config is one)
    requires transitive io.helidon.common.config;
    // generated endpoints are written with these annotations
    requires transitive io.wsconnector.annotations;
    requires io.helidon.common;
    requires io.helidon.common.buffers;
    requires io.helidon.common.concurrency.limits;
    requires io.helidon.common.socket;
    requires io.helidon.common.task;
    requires io.helidon.common.tls;
    requires io.helidon.common.uri;
    requires io.helidon.http;
    // the builder takes a Helidon MeterRegistry
    requires transitive io.helidon.metrics.api;
    // the process's limit of open files, for the default connection cap
    requires jdk.management;

    exports io.wsconnector.runtime;
    exports io.wsconnector.runtime.spi;
    exports io.wsconnector.runtime.internal;
    // the codec contract of typed messages, implemented by wsconnector-json-avaje and by users
    exports io.wsconnector.runtime.codec;
    // the contract of a cluster module (wsconnector-cluster-redis)
    exports io.wsconnector.runtime.cluster;

    // the endpoints the processor generated, listed in META-INF/services or provided by their modules
    uses io.wsconnector.runtime.spi.WebSocketEndpoint;
    // a cluster module, for the configuration key wsconnector.cluster
    uses io.wsconnector.runtime.cluster.ClusterProvider;

    provides io.helidon.webserver.http1.spi.Http1UpgradeProvider
            with io.wsconnector.runtime.protocol.WebSocketUpgradeProvider;
}
