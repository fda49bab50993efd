/**
 * Typed messages: the contract of the codecs that turn text and binary messages into the values
 * handlers take and return ({@link io.wsconnector.runtime.codec.TextCodec},
 * {@link io.wsconnector.runtime.codec.BinaryCodec}), and what a message that does not decode leads to
 * ({@link io.wsconnector.runtime.codec.MessageDecodeException}). The runtime itself depends on no
 * format: JSON comes from the module {@code wsconnector-json-avaje}.
 */
package io.wsconnector.runtime.codec;
