/**
 * The contract between generated code and the runtime. The wsconnector processor implements these
 * interfaces for each endpoint class; users normally never touch them.
 */
package io.wsconnector.runtime.spi;
