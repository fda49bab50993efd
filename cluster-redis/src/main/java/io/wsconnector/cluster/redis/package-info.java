/**
 * A wsconnector cluster over Redis: {@link io.wsconnector.cluster.redis.RedisCluster} connects a server to
 * the other nodes through Redis pub/sub (sharded on a Redis Cluster) and keeps presence in Redis hashes.
 */
package io.wsconnector.cluster.redis;
