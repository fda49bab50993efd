package io.wsconnector.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.wsconnector.runtime.spi.WebSocketEndpoint;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Serves endpoints for the tests of a class: before its first test, a {@code WebSocketServer} on a free port
 * of 127.0.0.1 with the endpoints named here (or, if none is named, every endpoint discovery finds), stopped
 * after its last test. Test methods (and lifecycle methods) take the {@link WebSocketClients} to connect
 * with, and the {@code WebSocketServer} itself, as parameters.
 *
 * <pre>{@code
 * @WebSocketTest(Echo_WebSocketEndpoint.class)
 * class EchoTest {
 *     @Test
 *     void echoes(WebSocketClients clients) throws Exception {
 *         JdkClient client = clients.connect("/echo");
 *         assertEquals("hello", client.send("hello").awaitText());
 *     }
 * }
 * }</pre>
 *
 * <p>To build the endpoints yourself, or to configure the server, register a {@link WebSocketServerExtension}
 * in a static field instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(WebSocketServerExtension.class)
public @interface WebSocketTest {
    /**
     * The generated endpoint registrations to serve, each created with its public no-argument constructor.
     *
     * @return the {@code X_WebSocketEndpoint} classes; none: every endpoint discovery finds
     */
    Class<? extends WebSocketEndpoint>[] value() default {};
}
