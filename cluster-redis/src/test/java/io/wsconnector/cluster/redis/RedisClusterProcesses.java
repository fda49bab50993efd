package io.wsconnector.cluster.redis;

import java.util.ArrayList;
import java.util.List;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * A Redis Cluster of three masters on local ports, without replicas: each owns a third of the hash slots.
 * Built the way {@code redis-cli --cluster create} does: slots assigned, then the nodes meet; ready when
 * every node reports the cluster ok and knows every slot's owner.
 */
final class RedisClusterProcesses implements AutoCloseable {
    private static final int SLOTS = 16384;
    private final List<RedisProcess> masters = new ArrayList<>();

    RedisClusterProcesses() {
        try {
            for (int i = 0; i < 3; i++) {
                masters.add(RedisProcess.start(List.of("--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000")));
            }
            for (int i = 0; i < 3; i++) {
                try (Jedis jedis = masters.get(i).client()) {
                    jedis.sendCommand(Protocol.Command.CLUSTER, "ADDSLOTSRANGE",
                            String.valueOf(SLOTS * i / 3), String.valueOf(SLOTS * (i + 1) / 3 - 1));
                }
            }
            try (Jedis first = masters.get(0).client()) {
                for (int i = 1; i < 3; i++) {
                    first.clusterMeet("127.0.0.1", masters.get(i).port());
                }
            }
            awaitReady();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** The URI of one master; the module finds the others. */
    String uri() {
        return masters.get(0).uri();
    }

    List<RedisProcess> masters() {
        return masters;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            boolean ready = true;
            for (RedisProcess master : masters) {
                try (Jedis jedis = master.client()) {
                    String info = jedis.clusterInfo();
                    ready &= info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:3")
                            && jedis.clusterSlots().size() == 3;
                }
            }
            if (ready) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The Redis Cluster did not become ready within 30 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        masters.forEach(RedisProcess::stop);
    }
}
