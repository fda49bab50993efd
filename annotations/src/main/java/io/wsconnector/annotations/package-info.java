/**
 * The annotations that declare a WebSocket endpoint. They are read at compile time by the wsconnector
 * processor, which generates the code that dispatches to the annotated methods; nothing reads them at
 * run time.
 */
package io.wsconnector.annotations;
