/**
 * The {@code permessage-deflate} extension (RFC 7692) on byte arrays: negotiating it from the client's
 * {@code Sec-WebSocket-Extensions} offers, compressing outgoing messages and inflating incoming ones
 * under a size limit. The runtime's connection, session and broadcast code call it; it knows nothing of
 * frames or sockets. Not API: its public types exist for the runtime's other packages only, and may
 * change with them.
 *
 * <p>Memory is the design's first concern. A zlib compressor with its default 32 KiB window takes
 * ~260 KiB and an inflater ~40 KiB, so a connection holds one only while its side keeps its compression
 * context between messages (context takeover, RFC 7692 section 7.1.1). Otherwise compressors and
 * inflaters are borrowed from a pool for one message and given back, so an idle connection holds none.
 */
package io.wsconnector.runtime.deflate;
