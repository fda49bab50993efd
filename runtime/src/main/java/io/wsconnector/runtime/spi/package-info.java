/**
 * The contract between generated code and the runtime: the interfaces the wsconnector processor
 * implements for each endpoint class. Users normally never touch them; the helpers generated code
 * calls live apart, in {@code io.wsconnector.runtime.internal}.
 */
package io.wsconnector.runtime.spi;
