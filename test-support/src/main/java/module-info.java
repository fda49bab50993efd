/**
 * What the tests of every wsconnector module share: {@link io.wsconnector.testsupport.JdkClient} and
 * {@link io.wsconnector.testsupport.RawWebSocketClient} to talk to a server, {@link io.wsconnector.testsupport.Await}
 * and {@link io.wsconnector.testsupport.Inbox} to wait for what other threads do, and a few more. It needs nothing
 * but the JDK: the runtime's own tests use it too.
 */
module io.wsconnector.testsupport {
    requires java.logging;
    requires transitive java.net.http;

    exports io.wsconnector.testsupport;
}
