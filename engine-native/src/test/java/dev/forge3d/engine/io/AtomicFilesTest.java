package dev.forge3d.engine.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    @Test
    void aGroupThatFailsPartWayLeavesTheFilesItWouldHaveReplacedAsTheyWere() throws Exception {
        Path out = Files.createDirectories(temp.resolve("out"));
        Path glb = Files.writeString(out.resolve("a.glb"), "old a");
        Path obj = Files.writeString(out.resolve("b.obj"), "old b");
        // A folder where the last file should go: it fails only once a and b are in place (we run as root,
        // so a read-only folder would not stop the rename).
        Path blocked = Files.createDirectories(out.resolve("c.png"));
        Files.writeString(blocked.resolve("keep.txt"), "keep");
        Map<Path, Path> group = new LinkedHashMap<>();
        group.put(Files.writeString(temp.resolve("staged-a.glb"), "new a"), glb);
        group.put(Files.writeString(temp.resolve("staged-b.obj"), "new b"), obj);
        group.put(Files.writeString(temp.resolve("staged-c.png"), "new c"), blocked);

        assertThrows(IOException.class, () -> AtomicFiles.publishAll(group));

        assertEquals("old a", Files.readString(glb));
        assertEquals("old b", Files.readString(obj));
        assertEquals("keep", Files.readString(blocked.resolve("keep.txt")));
        assertEquals(List.of("a.glb", "b.obj", "c.png"), names(out), "no temp or set-aside copies are left");
    }

    @Test
    void aGroupThatSucceedsReplacesTheOldFilesAndLeavesNoSetAsideCopies() throws Exception {
        Path out = Files.createDirectories(temp.resolve("out"));
        Path glb = Files.writeString(out.resolve("a.glb"), "old a");
        Path frames = Files.createDirectories(out.resolve("frames"));
        Files.writeString(frames.resolve("old.png"), "old frame");
        Path stagedFrames = Files.createDirectories(temp.resolve("staged-frames"));
        Files.writeString(stagedFrames.resolve("new.png"), "new frame");
        Map<Path, Path> group = new LinkedHashMap<>();
        group.put(Files.writeString(temp.resolve("staged-a.glb"), "new a"), glb);
        group.put(stagedFrames, frames);

        AtomicFiles.publishAll(group);

        assertEquals("new a", Files.readString(glb));
        assertEquals(List.of("new.png"), names(frames));
        assertEquals(List.of("a.glb", "frames"), names(out));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
