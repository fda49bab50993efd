package io.wsconnector.cluster.redis;

import java.net.URI;
import java.util.Optional;

import io.wsconnector.runtime.cluster.Cluster;
import io.wsconnector.runtime.cluster.ClusterProvider;

/**
 * Lets a server join a Redis cluster from configuration alone: with this module on the class path, the
 * system property {@code wsconnector.cluster=redis://host:port} (or the environment variable
 * {@code WSCONNECTOR_CLUSTER}) does what {@code builder().cluster(RedisCluster.connect(uri))} does.
 */
public final class RedisClusterProvider implements ClusterProvider {

    /** For {@link java.util.ServiceLoader}. */
    public RedisClusterProvider() {
    }

    @Override
    public Optional<Cluster> create(URI uri) {
        if (!"redis".equalsIgnoreCase(uri.getScheme())) {
            return Optional.empty();
        }
        return Optional.of(RedisCluster.connect(uri.toString()));
    }
}
