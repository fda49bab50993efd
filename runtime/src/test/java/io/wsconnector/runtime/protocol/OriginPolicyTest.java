package io.wsconnector.runtime.protocol;

import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which origins may connect (RFC 6455, section 10.2): the endpoint's own, then the server's allow-list,
 * and without one only a page of the same origin as {@code Host}.
 */
class OriginPolicyTest {

    @ParameterizedTest(name = "{0} with Host {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            http://localhost:8080       | localhost:8080     | true
            http://LOCALHOST:8080       | localhost:8080     | true
            https://example.com         | example.com:443    | true
            http://example.com          | example.com        | true
            https://example.com         | example.com        | true
            http://example.com:80       | example.com        | true
            wss://example.com           | example.com        | true
            http://evil.example         | example.com        | false
            http://localhost:8081       | localhost:8080     | false
            https://example.com         | example.com:80     | false
            http://example.com          | -                  | false
            null                        | example.com        | false
            not a uri                   | example.com        | false
            http://[::1]:8080           | [::1]:8080         | true
            """)
    void withoutAnAllowListOnlyTheSameOriginAsHostIsAllowed(String origin, String host, boolean allowed) {
        assertEquals(allowed, new OriginPolicy(Set.of()).allows(origin, Set.of(), host));
    }

    @ParameterizedTest(name = "{0}, server {1}, endpoint {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            https://app.example.com | https://app.example.com | -                       | true
            https://evil.example    | https://app.example.com | -                       | false
            https://evil.example    | *                       | -                       | true
            http://localhost:8080   | https://app.example.com | -                       | false
            https://chat.example    | -                       | https://chat.example    | true
            https://chat.example    | https://app.example.com | https://chat.example    | true
            https://other.example   | -                       | *                       | true
            https://other.example   | https://app.example.com | https://chat.example    | false
            """)
    void allowListsAreMatchedExactlyAndTheEndpointsOwnAlwaysCount(String origin, String server, String endpoint,
                                                                 boolean allowed) {
        OriginPolicy policy = new OriginPolicy(server.equals("-") ? Set.of() : Set.of(server));
        Set<String> endpointOrigins = endpoint.equals("-") ? Set.of() : Set.of(endpoint);

        assertEquals(allowed, policy.allows(origin, endpointOrigins, "localhost:8080"));
    }
}
