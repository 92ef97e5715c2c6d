package dev.forge3d.engine.io;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FileNamesTest {
    private static void assertSplit(String name, String stem, String extension) {
        assertEquals(stem, FileNames.stem(name), "stem of " + name);
        assertEquals(extension, FileNames.extension(name), "extension of " + name);
        assertEquals(stem, FileNames.stem(Path.of(name)), "stem of the path " + name);
        assertEquals(extension, FileNames.extension(Path.of(name)), "extension of the path " + name);
    }

    @Test
    void theExtensionIsTheLastDotAndWhatFollowsItAsWritten() {
        assertSplit("chair.glb", "chair", ".glb");
        assertSplit("a.b.glb", "a.b", ".glb");
        assertSplit("Scene.PLY", "Scene", ".PLY");
        assertSplit("README", "README", "");
    }

    @Test
    void aLeadingDotMarksAHiddenFileNotAnExtension() {
        assertSplit(".hidden", ".hidden", "");
        assertSplit(".png", ".png", "");
        assertSplit(".chair.obj", ".chair", ".obj");
    }

    @Test
    void aTrailingDotIsAnExtensionOfItsOwnSoNothingIsLost() {
        assertSplit("scene.", "scene", ".");
        for (String name : List.of("chair.glb", "a.b.glb", ".hidden", "scene.", "README", "x..y")) {
            assertEquals(name, FileNames.stem(name) + FileNames.extension(name));
        }
    }

    @Test
    void aDotInAFolderIsNoExtension() {
        assertEquals("", FileNames.extension(Path.of("/x.y/z")));
        assertEquals("z", FileNames.stem(Path.of("/x.y/z")));
        assertEquals("", FileNames.extension("/x.y/z"));
        assertEquals("/x.y/z", FileNames.stem("/x.y/z"), "a path as text keeps its folders");
        assertEquals("", FileNames.extension("x.y/.hidden"));
        assertEquals(".glb", FileNames.extension(Path.of("out.d", "chair.glb")));
        assertEquals("chair", FileNames.stem(Path.of("out.d", "chair.glb")));
    }

    @Test
    void aRootHasNeitherStemNorExtension() {
        assertEquals("", FileNames.stem(Path.of("/")));
        assertEquals("", FileNames.extension(Path.of("/")));
    }

    @Test
    void withExtensionReplacesOnlyTheLastExtensionAndStaysInTheFolder() {
        assertEquals(Path.of("out.d", "chair.v2.obj"),
                FileNames.withExtension(Path.of("out.d", "chair.v2.glb"), ".obj"));
        assertEquals(Path.of("out.d", "chair.obj"), FileNames.withExtension(Path.of("out.d", "chair"), ".obj"));
        assertEquals(Path.of(".hidden.obj"), FileNames.withExtension(Path.of(".hidden"), ".obj"));
        assertEquals(Path.of("chair.obj"), FileNames.withExtension(Path.of("chair.GLB"), ".obj"));
    }
}
