package io.wsconnector.runtime;

/**
 * The {@code permessage-deflate} extension (RFC 7692) of a server or of one endpoint: whether messages are
 * compressed with clients that offer it (every browser does), and how.
 *
 * <p>On by default, with no compression context kept on either side between messages: an idle connection
 * then holds no compressor and no inflater (they are borrowed per message from a pool), costing under
 * 2 KiB more than an uncompressed one. Keeping the context compresses small messages much better (JSON of
 * 256 bytes to ~0.2 of its size instead of ~0.5) but holds, per connection, a compressor of ~260 KiB
 * ({@link Builder#serverNoContextTakeover(boolean) server side}) and an inflater of ~40 KiB
 * ({@link Builder#clientNoContextTakeover(boolean) client side}) of native memory from its first
 * compressed message to its close.
 *
 * <pre>{@code
 * WebSocketServer.builder()
 *         .compression(Compression.builder().threshold(1024).build())  // every endpoint
 *         .compression("/feed", Compression.disabled())                // but this one
 * }</pre>
 */
public final class Compression {
    /** The default threshold: messages under 256 bytes gain little (JSON of 128 bytes: ~40 bytes) for the CPU. */
    public static final int DEFAULT_THRESHOLD = 256;

    private static final Compression DISABLED = new Compression(false, builder());
    private static final Compression DEFAULTS = builder().build();

    private final boolean enabled;
    private final boolean serverNoContextTakeover;
    private final boolean clientNoContextTakeover;
    private final int serverMaxWindowBits;
    private final int level;
    private final int threshold;

    private Compression(boolean enabled, Builder builder) {
        this.enabled = enabled;
        this.serverNoContextTakeover = builder.serverNoContextTakeover;
        this.clientNoContextTakeover = builder.clientNoContextTakeover;
        this.serverMaxWindowBits = builder.serverMaxWindowBits;
        this.level = builder.level;
        this.threshold = builder.threshold;
    }

    /**
     * No compression: offers of {@code permessage-deflate} are declined, as RFC 6455 allows.
     *
     * @return the disabled setting
     */
    public static Compression disabled() {
        return DISABLED;
    }

    /**
     * Compression with the defaults: no context kept on either side, the full 32 KiB window, zlib level 6,
     * messages of {@value #DEFAULT_THRESHOLD} bytes or more compressed.
     *
     * @return the default setting
     */
    public static Compression defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether {@code permessage-deflate} is accepted */
    public boolean enabled() {
        return enabled;
    }

    /** @return whether the server resets its compressor after every message even when the client allows context */
    public boolean serverNoContextTakeover() {
        return serverNoContextTakeover;
    }

    /** @return whether the server asks every client to reset its compressor after every message */
    public boolean clientNoContextTakeover() {
        return clientNoContextTakeover;
    }

    /** @return the largest window the server compresses with, as a power of two, 8 to 15 */
    public int serverMaxWindowBits() {
        return serverMaxWindowBits;
    }

    /** @return the zlib compression level, 1 to 9 */
    public int level() {
        return level;
    }

    /** @return the size, in bytes, under which messages are sent uncompressed */
    public int threshold() {
        return threshold;
    }

    @Override
    public String toString() {
        return enabled ? "Compression[permessage-deflate, serverNoContextTakeover=" + serverNoContextTakeover
                + ", clientNoContextTakeover=" + clientNoContextTakeover + ", serverMaxWindowBits="
                + serverMaxWindowBits + ", level=" + level + ", threshold=" + threshold + "]"
                : "Compression[disabled]";
    }

    /**
     * Configures an enabled {@link Compression}; starts from the defaults.
     */
    public static final class Builder {
        private boolean serverNoContextTakeover = true;
        private boolean clientNoContextTakeover = true;
        private int serverMaxWindowBits = 15;
        private int level = 6;
        private int threshold = DEFAULT_THRESHOLD;

        private Builder() {
        }

        /**
         * Whether the server resets its compressor after every message (RFC 7692, section 7.1.1.1), even
         * when the client allows it to keep the context; {@code true} by default. A client can always ask
         * for it. With {@code false}, each connection keeps a compressor of ~260 KiB of native memory from
         * its first compressed message on, and a broadcast is compressed once per recipient instead of once.
         * A slow-consumer policy that drops messages keeps this {@code true}: a dropped compressed message
         * would leave the client's context behind the server's.
         *
         * @param reset {@code false} to keep the context between messages
         * @return this builder
         */
        public Builder serverNoContextTakeover(boolean reset) {
            this.serverNoContextTakeover = reset;
            return this;
        }

        /**
         * Whether the server asks every client to reset its compressor after every message (RFC 7692,
         * section 7.1.1.2); {@code true} by default. With {@code false}, a client that keeps its context
         * makes its connection keep an inflater of ~40 KiB of native memory from its first compressed
         * message on.
         *
         * @param reset {@code false} to let clients keep their context
         * @return this builder
         */
        public Builder clientNoContextTakeover(boolean reset) {
            this.clientNoContextTakeover = reset;
            return this;
        }

        /**
         * The largest LZ77 window the server compresses with, as a power of two; 15 (32 KiB) by default,
         * and a client may ask for less (RFC 7692, section 7.1.2.1). The JDK's zlib cannot limit its
         * window: under 15 the server codes literals only, which keeps any window but compresses JSON to
         * ~0.6 of its size instead of ~0.3.
         *
         * @param bits 8 to 15
         * @return this builder
         */
        public Builder serverMaxWindowBits(int bits) {
            if (bits < 8 || bits > 15) {
                throw new IllegalArgumentException("serverMaxWindowBits must be between 8 and 15, not " + bits);
            }
            this.serverMaxWindowBits = bits;
            return this;
        }

        /**
         * The zlib compression level; 6 by default (zlib's own default).
         *
         * @param level 1 (fastest) to 9 (smallest)
         * @return this builder
         */
        public Builder level(int level) {
            if (level < 1 || level > 9) {
                throw new IllegalArgumentException("level must be between 1 and 9, not " + level);
            }
            this.level = level;
            return this;
        }

        /**
         * Messages shorter than this are sent uncompressed; {@value #DEFAULT_THRESHOLD} bytes by default.
         *
         * @param bytes the threshold, 0 to compress every message
         * @return this builder
         */
        public Builder threshold(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("threshold must not be negative, not " + bytes);
            }
            this.threshold = bytes;
            return this;
        }

        /**
         * @return the enabled compression
         */
        public Compression build() {
            return new Compression(true, this);
        }
    }
}
