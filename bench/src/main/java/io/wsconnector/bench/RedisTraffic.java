package io.wsconnector.bench;

import redis.clients.jedis.Jedis;

/**
 * What Redis has counted so far, read with {@code INFO}: bytes read from and written to all its clients
 * ({@code total_net_input_bytes}, {@code total_net_output_bytes}: RESP framing included, so what a message
 * really costs on the wire), {@code PUBLISH} calls, the socket reads and writes it made
 * ({@code total_reads_processed}, {@code total_writes_processed}: a pipeline of publishes is one read, and the
 * messages a subscriber is sent in one turn of Redis's loop one write, so these show how much was batched), and
 * its CPU time (user + system). The difference of two
 * readings is the traffic in between; the reading itself adds its own small request and reply (about 3 KB
 * out), which the figures per message keep.
 *
 * @param inputBytes  bytes Redis read
 * @param outputBytes bytes Redis wrote
 * @param publishes   {@code PUBLISH} commands
 * @param reads       socket reads
 * @param writes      socket writes
 * @param cpuSeconds  Redis's CPU time
 */
record RedisTraffic(long inputBytes, long outputBytes, long publishes, long reads, long writes, double cpuSeconds) {

    /** Reads the counters now, on the caller's connection. */
    static RedisTraffic read(Jedis jedis) {
        String info = jedis.info("stats") + "\n" + jedis.info("commandstats") + "\n" + jedis.info("cpu");
        return new RedisTraffic(Long.parseLong(field(info, "total_net_input_bytes")),
                Long.parseLong(field(info, "total_net_output_bytes")), publishCalls(info),
                Long.parseLong(field(info, "total_reads_processed")), Long.parseLong(field(info, "total_writes_processed")),
                Double.parseDouble(field(info, "used_cpu_user")) + Double.parseDouble(field(info, "used_cpu_sys")));
    }

    /** The traffic from {@code before} to this reading. */
    RedisTraffic since(RedisTraffic before) {
        return new RedisTraffic(inputBytes - before.inputBytes, outputBytes - before.outputBytes,
                publishes - before.publishes, reads - before.reads, writes - before.writes, cpuSeconds - before.cpuSeconds);
    }

    /** {@code cmdstat_publish:calls=N,usec=...}; absent (0) until the first publish. */
    private static long publishCalls(String info) {
        String line = lineOf(info, "cmdstat_publish:");
        if (line == null) {
            return 0;
        }
        String calls = line.substring(line.indexOf("calls=") + "calls=".length());
        int comma = calls.indexOf(',');
        return Long.parseLong(comma < 0 ? calls : calls.substring(0, comma));
    }

    private static String field(String info, String name) {
        String line = lineOf(info, name + ":");
        if (line == null) {
            throw new BenchException("no " + name + " in Redis's INFO");
        }
        return line.substring(name.length() + 1).trim();
    }

    private static String lineOf(String info, String start) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(start)) {
                return line;
            }
        }
        return null;
    }
}
