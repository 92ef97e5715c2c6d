package dev.forge3d.engine.io;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

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
        assertRefused(() -> OutputLocations.requireFolder(file.resolve("deeper/frames"), List.of(), folder -> true,
                "render output"), "is a file, not a folder");
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
    void aFolderOutputMayReplaceAnEmptyFolderOrAnEarlierOutputButNotAFile() throws Exception {
        Predicate<Path> earlier = folder -> Files.exists(folder.resolve("transforms.json"));
        Path empty = Files.createDirectories(temp.resolve("frames"));
        assertEquals(empty, OutputLocations.requireFolder(empty, List.of(), earlier, "poses output"));
        Path fresh = temp.resolve("not-yet/made");
        assertEquals(fresh, OutputLocations.requireFolder(fresh, List.of(), earlier, "poses output"));
        Path previous = Files.createDirectories(temp.resolve("previous"));
        Files.writeString(previous.resolve("transforms.json"), "{}");
        assertEquals(previous, OutputLocations.requireFolder(previous, List.of(), earlier, "poses output"));
        Path file = Files.writeString(temp.resolve("frames.txt"), "x");
        assertRefused(() -> OutputLocations.requireFolder(file, List.of(), earlier, "poses output"), "is a file");
    }

    @Test
    void aFolderOfTheUsersOrOneHoldingAnInputIsNotReplaced() throws Exception {
        Predicate<Path> earlier = folder -> Files.exists(folder.resolve("transforms.json"));
        Path documents = Files.createDirectories(temp.resolve("documents"));
        Path letter = Files.writeString(documents.resolve("letter.txt"), "keep");
        assertRefused(() -> OutputLocations.requireFolder(documents, List.of(), earlier, "poses output"),
                "is not an earlier poses output");
        // An earlier output that holds the input, or is the input folder, is refused all the same.
        Files.writeString(documents.resolve("transforms.json"), "{}");
        Path video = Files.writeString(documents.resolve("orbit.mp4"), "video");
        assertRefused(() -> OutputLocations.requireFolder(documents, List.of(video), earlier, "poses output"),
                "holds the input " + video);
        Path link = Files.createSymbolicLink(temp.resolve("docs-link"), documents);
        assertRefused(() -> OutputLocations.requireFolder(temp, List.of(link.resolve("orbit.mp4")), f -> true,
                "poses output"), "holds the input");
        assertRefused(() -> OutputLocations.requireFolder(documents, List.of(documents), earlier, "poses output"),
                "holds the input");
        assertEquals("keep", Files.readString(letter));
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
