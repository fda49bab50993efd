package io.wsconnector.runtime;

import java.net.URI;
import java.util.Optional;
import java.util.ServiceLoader;

import io.wsconnector.runtime.cluster.Cluster;
import io.wsconnector.runtime.cluster.ClusterProvider;

/**
 * The cluster named by the configuration key ({@value ClusterProvider#PROPERTY} or
 * {@value ClusterProvider#ENVIRONMENT}), created by the first {@link ClusterProvider} on the class path that
 * handles its scheme, for a server whose builder was given none.
 */
final class ConfiguredCluster {
    private ConfiguredCluster() {
    }

    /**
     * @param loader where to look for providers
     * @return the cluster, or {@code null} if the key is not set
     * @throws IllegalStateException if the key is set but no provider handles its scheme
     */
    static Cluster find(ClassLoader loader) {
        String configured = System.getProperty(ClusterProvider.PROPERTY, System.getenv(ClusterProvider.ENVIRONMENT));
        if (configured == null || configured.isBlank()) {
            return null;
        }
        return create(URI.create(configured.strip()), ClusterProvider.PROPERTY + " (or " + ClusterProvider.ENVIRONMENT
                + ")", loader);
    }

    /**
     * @param uri    the cluster's URI
     * @param source what names it, for the message
     * @param loader where to look for providers
     * @return the cluster
     * @throws IllegalStateException if no provider handles its scheme
     */
    static Cluster create(URI uri, String source, ClassLoader loader) {
        for (ClusterProvider provider : ServiceLoader.load(ClusterProvider.class, loader)) {
            Optional<Cluster> cluster = provider.create(uri);
            if (cluster.isPresent()) {
                return cluster.get();
            }
        }
        throw new IllegalStateException(source + " is " + uri + ", but no cluster module on the class path handles "
                + uri.getScheme() + "://; add one, e.g. wsconnector-cluster-redis for redis://");
    }
}
