/**
 * The contract between the runtime and a cluster module such as {@code wsconnector-cluster-redis}: what
 * the runtime tells the cluster ({@link io.wsconnector.runtime.cluster.ClusterNode}: a broadcast happened
 * here, a session opened, joined a room, changed an attribute, closed) and what the cluster asks of the
 * runtime ({@link io.wsconnector.runtime.cluster.LocalSessions}: deliver this message, which came from
 * another node, to the sessions here). A server joins a cluster with
 * {@code WebSocketServer.builder().cluster(...)}; without one, none of this is used and nothing costs more.
 */
package io.wsconnector.runtime.cluster;
