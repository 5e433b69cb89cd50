package org.jvirt.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed async mirror must be exactly what the generator makes of today's sync API. */
class AsyncMirrorTest {

    @Test
    void asyncMirrorIsUpToDate() throws Exception {
        Path dir = Path.of("..", "jvirt-core", "src", "main", "java", "org", "jvirt", "async");
        for (Map.Entry<String, String> e : AsyncMirrorGenerator.generate().entrySet()) {
            Path file = dir.resolve(e.getKey());
            String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "<missing>";
            assertEquals(e.getValue(), committed, file + " is stale: run scripts/gen-docs.sh and commit the result");
        }
    }
}
