/**
 * The annotations that declare a wsconnector endpoint; read at compile time by the wsconnector processor.
 */
module io.wsconnector.annotations {
    exports io.wsconnector.annotations;
}
