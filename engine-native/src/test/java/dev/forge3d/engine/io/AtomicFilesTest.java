package dev.forge3d.engine.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFilesTest {
    @TempDir
    Path temp;

    @Test
    void aTemporarySiblingIsHiddenBesideTheDestinationAndKeepsItsExtension() throws Exception {
        Path temporary = AtomicFiles.temporarySibling(temp.resolve("out.d/orbit.v2.MP4"));
        assertEquals(temp.resolve("out.d"), temporary.getParent(), "made beside it, folder and all");
        String name = temporary.getFileName().toString();
        assertTrue(name.startsWith(".orbit.v2.tmp-") && name.endsWith(".MP4"), name);

        String hidden = AtomicFiles.temporarySibling(temp.resolve(".hidden")).getFileName().toString();
        assertTrue(hidden.matches("\\.\\.hidden\\.tmp-[0-9a-f-]{36}"), "a hidden name has no extension: " + hidden);
    }
}
