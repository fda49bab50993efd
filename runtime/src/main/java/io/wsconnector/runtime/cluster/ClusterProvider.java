package io.wsconnector.runtime.cluster;

import java.net.URI;
import java.util.Optional;

/**
 * Creates a {@link Cluster} from the configuration key {@value #PROPERTY} (system property) or
 * {@value #ENVIRONMENT} (environment variable), e.g. {@code redis://localhost:6379}: the server asks the
 * providers found with {@link java.util.ServiceLoader} when its builder was given no cluster. A cluster
 * module provides one for its URI schemes.
 */
public interface ClusterProvider {
    /** The system property naming the cluster to join. */
    String PROPERTY = "wsconnector.cluster";
    /** The environment variable naming the cluster to join, when the system property is not set. */
    String ENVIRONMENT = "WSCONNECTOR_CLUSTER";

    /**
     * A cluster for this URI, if its scheme is this provider's.
     *
     * @param uri the configured URI
     * @return the cluster, or empty if this provider does not handle the scheme
     * @throws IllegalStateException if the scheme is this provider's but the cluster cannot be joined
     */
    Optional<Cluster> create(URI uri);
}
