/**
 * JSON for typed messages through avaje-jsonb, whose generator writes each type's adapter at compile
 * time: {@link io.wsconnector.json.avaje.AvajeJsonCodec}, the codec the wsconnector processor uses for
 * types annotated {@code @Json}, and {@link io.wsconnector.json.avaje.JsonDispatchKey}, which reads the
 * field an endpoint dispatches on. Generated dispatchers call both; a user rarely does.
 */
package io.wsconnector.json.avaje;
