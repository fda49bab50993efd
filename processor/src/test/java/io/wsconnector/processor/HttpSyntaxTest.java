package io.wsconnector.processor;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link HttpSyntax} on its own; the errors a user sees are in {@link WebSocketProcessorNegativeTest}.
 */
class HttpSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"chat", "chat.v2", "X-Client-Version", "mqtt", "a!#$%&'*+-.^_`|~9"})
    void isToken_acceptsTokens(String value) {
        assertTrue(HttpSyntax.isToken(value), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "chat v2", "chat/v2", "chat,v1", "a:b", "\"chat\"", "caf\u00e9", "a=b", "(x)"})
    void isToken_rejectsOtherText(String value) {
        assertFalse(HttpSyntax.isToken(value), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "https://app.example.com", "http://localhost:8080", "http://127.0.0.1:1",
            "https://[::1]:65535", "https://[2001:db8::1]", "chrome-extension://abcdef", "app+x.y-z://host"})
    void originProblem_acceptsOrigins(String origin) {
        assertEquals(Optional.empty(), HttpSyntax.originProblem(origin), origin);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "''                              | is empty; write \"*\" or scheme://host[:port], e.g. \"https://app.example.com\"",
            "app.example.com                 | is not an origin; write \"*\" or scheme://host[:port], e.g. \"https://app.example.com\"",
            "null                            | is not an origin; write \"*\" or scheme://host[:port], e.g. \"https://app.example.com\"",
            "1http://a.com                   | has an invalid scheme '1http'; write scheme://host[:port], e.g. \"https://app.example.com\"",
            "://a.com                        | has an invalid scheme ''; write scheme://host[:port], e.g. \"https://app.example.com\"",
            "https://app.example.com/        | has a path, query or fragment; an origin is only scheme://host[:port], so write \"https://app.example.com\"",
            "https://app.example.com/chat    | has a path, query or fragment; an origin is only scheme://host[:port], so write \"https://app.example.com\"",
            "https://a.com:8443?x=1          | has a path, query or fragment; an origin is only scheme://host[:port], so write \"https://a.com:8443\"",
            "https://user@a.com              | contains user information; an origin is only scheme://host[:port]",
            "https://                        | has no host; write scheme://host[:port], e.g. \"https://app.example.com\"",
            "https://:8080                   | has no host; write scheme://host[:port], e.g. \"https://app.example.com\"",
            "https://*.example.com           | has an invalid host '*.example.com'; write a host name such as app.example.com, an IPv4 address, or an IPv6 address in brackets",
            "https://[::1                    | has an invalid host '[::1'; write a host name such as app.example.com, an IPv4 address, or an IPv6 address in brackets",
            "https://a.com:                  | has an invalid port ''; write a number from 1 to 65535, or no port",
            "https://a.com:0                 | has an invalid port '0'; write a number from 1 to 65535, or no port",
            "https://a.com:65536             | has an invalid port '65536'; write a number from 1 to 65535, or no port",
            "https://a.com:http              | has an invalid port 'http'; write a number from 1 to 65535, or no port",
    })
    void originProblem_saysWhatIsWrong(String origin, String expected) {
        assertEquals(Optional.of(expected), HttpSyntax.originProblem(origin));
    }
}
