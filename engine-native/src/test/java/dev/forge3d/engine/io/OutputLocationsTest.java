package dev.forge3d.engine.io;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputLocationsTest {
    @TempDir
    Path temp;

    private void assertRefused(Runnable check, String expectedInMessage) {
        Forge3dException refused = assertThrows(Forge3dException.class, check::run);
        assertEquals(ErrorCode.INVALID_PARAM, refused.code());
        assertTrue(refused.getMessage().contains(expectedInMessage), refused.getMessage());
    }

    @Test
    void aFileOutputMayBeNewOrReplaceAFileInAFolderThatExistsOrCanBeMade() throws Exception {
        Path existing = Files.writeString(temp.resolve("old.glb"), "old");
        assertEquals(existing, OutputLocations.requireFile(existing));
        Path deep = temp.resolve("a/b/c/new.glb");
        assertEquals(deep, OutputLocations.requireFile(deep));
        assertTrue(Files.notExists(temp.resolve("a")), "checking makes no folders");
    }

    @Test
    void aFolderWhereAFileShouldGoIsRefusedAndKept() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("model.glb/inner"));
        Files.writeString(folder.resolve("important.txt"), "keep");
        assertRefused(() -> OutputLocations.requireFile(temp.resolve("model.glb")), "is a folder");
        assertTrue(Files.exists(folder.resolve("important.txt")));
    }

    @Test
    void anOutputBelowAFileIsRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("photo.png"), "not a folder");
        assertRefused(() -> OutputLocations.requireFile(file.resolve("x.glb")), "is a file, not a folder");
        assertRefused(() -> OutputLocations.requireFolder(file.resolve("deeper/frames")), "is a file, not a folder");
    }

    @Test
    void anOutputThatIsAnInputOrInAnInputFolderIsRefusedHoweverItIsReached() throws Exception {
        Path photos = Files.createDirectories(temp.resolve("photos"));
        Path photo = Files.writeString(photos.resolve("a.png"), "photo");
        Path link = Files.createSymbolicLink(temp.resolve("link"), photos);
        assertRefused(() -> OutputLocations.requireFiles(List.of(link.resolve("a.png")), List.of(photo), List.of()),
                link.resolve("a.png") + " is the input " + photo);
        assertRefused(() -> OutputLocations.requireFiles(List.of(link.resolve("new.ply")), List.of(), List.of(photos)),
                link.resolve("new.ply") + " is in the input folder " + photos);
        assertEquals("photo", Files.readString(photo));
        // Beside the inputs, or in a sub-folder of the photo folder, which is not listed: no input is touched.
        OutputLocations.requireFiles(List.of(temp.resolve("a.png"), photos.resolve("out/a.png")), List.of(photo),
                List.of(photos));
    }

    @Test
    void aFolderOutputMayReplaceAFolderButNotAFile() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("frames"));
        assertEquals(folder, OutputLocations.requireFolder(folder));
        Path file = Files.writeString(temp.resolve("frames.txt"), "x");
        assertRefused(() -> OutputLocations.requireFolder(file), "is a file");
    }

    @Test
    void publishingAFileOverAFolderFailsAndLeavesTheFolderWhole() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("out.ply"));
        Files.writeString(folder.resolve("keep.txt"), "keep");
        Path finished = Files.writeString(temp.resolve("staged.ply"), "ply");
        assertThrows(java.io.IOException.class, () -> AtomicFiles.publishAll(Map.of(finished, folder)));
        assertEquals("keep", Files.readString(folder.resolve("keep.txt")));
    }
}
