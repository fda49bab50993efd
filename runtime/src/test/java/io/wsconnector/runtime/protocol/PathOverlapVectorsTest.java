package io.wsconnector.runtime.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PathTemplate#overlaps} against {@code test-vectors/path-overlap.tsv}, the table the processor's
 * {@code EndpointPaths.canMatchSameRequest} is tested with too: the compile-time check and the runtime's
 * must refuse the same pairs of endpoint paths.
 */
class PathOverlapVectorsTest {

    static Stream<Arguments> pathOverlapVectors() throws IOException {
        return Files.readAllLines(Path.of("../test-vectors/path-overlap.tsv")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t"))
                .map(fields -> Arguments.of(fields[0], fields[1], Boolean.parseBoolean(fields[2]), fields[3]));
    }

    @ParameterizedTest(name = "{0} and {1}: {2}, {3}")
    @MethodSource("pathOverlapVectors")
    void overlaps_agreesWithTheSharedVectors(String path, String otherPath, boolean overlap, String why) {
        PathTemplate template = PathTemplate.parse(path);
        PathTemplate other = PathTemplate.parse(otherPath);

        assertEquals(overlap, template.overlaps(other), why);
        assertEquals(overlap, other.overlaps(template), why + " (reversed)");
    }
}
