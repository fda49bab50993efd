package io.wsconnector.tests;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.wsconnector.testing.WebSocketServerExtension;
import io.wsconnector.tests.metrics.MeteredEndpoint_WebSocketEndpoint;
import io.wsconnector.testsupport.JdkClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Settings from YAML as {@code application.yaml} has them: an endpoint's path template is a key of its own
 * under {@code endpoints}, quoted, and its settings apply to every path the template matches.
 */
@Timeout(60)
class YamlConfigurationTest {
    private static final String YAML = """
            wsconnector:
              server:
                max-message-size: 1KiB
                metrics: false
                endpoints:
                  "/metered/{room}":
                    max-message-size: 16
            """;

    @RegisterExtension
    static final WebSocketServerExtension SERVER = WebSocketServerExtension
            .serving(new MeteredEndpoint_WebSocketEndpoint())
            .configure(builder -> builder.config(Config.just(ConfigSources.create(YAML, MediaTypes.APPLICATION_X_YAML))
                    .get("wsconnector.server")));

    @Test
    void anEndpointsTemplateKeyAppliesToEveryPathItMatches() throws Exception {
        JdkClient lobby = SERVER.clients().connect("/metered/lobby");
        assertEquals("sixteen bytes!!!", lobby.send("sixteen bytes!!!").awaitText());
        lobby.send("seventeen bytes!!").awaitClose(1009);

        SERVER.clients().connect("/metered/attic").send("seventeen bytes!!").awaitClose(1009);
    }
}
