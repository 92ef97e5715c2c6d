package dev.forge3d.engine.pipeline;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.InputSource;
import dev.forge3d.api.MeshParams;
import dev.forge3d.api.MeshRequest;
import dev.forge3d.api.OutputFormat;
import dev.forge3d.api.ScanParams;
import dev.forge3d.api.ScanRequest;
import dev.forge3d.api.View;
import dev.forge3d.engine.LocalEngine;
import dev.forge3d.engine.cpu.CpuBackend;
import dev.forge3d.engine.input.MediaKind;
import dev.forge3d.engine.input.ResolvedInput;
import dev.forge3d.engine.synthetic.PngHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file a job writes, the companions beside the requested output included (an OBJ's MTL,
 * textures, a scan's preview), is checked before the job is queued, by submit and by the estimate
 * alike: it can be written, it is no input, and it is not among the photos of an input folder.
 */
class OutputChecksTest {
    @TempDir
    Path temp;
    private LocalEngine engine;

    @BeforeEach
    void open() {
        engine = new LocalEngine(EngineConfig.builder().workRoot(temp.resolve("work")).build(),
                List.of(new CpuBackend()));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    /** Submit and the estimate both refuse as invalid_param naming {@code path}; nothing is queued. */
    private void assertRefused(Executable submit, Executable estimate, Path path, String expectedInMessage) {
        Forge3dException submitted = assertThrows(Forge3dException.class, submit);
        assertEquals(ErrorCode.INVALID_PARAM, submitted.code(), submitted.getMessage());
        assertTrue(submitted.getMessage().startsWith("invalid output: " + path), submitted.getMessage());
        assertTrue(submitted.getMessage().contains(expectedInMessage), submitted.getMessage());
        assertEquals(List.of(), engine.jobs());
        Forge3dException estimated = assertThrows(Forge3dException.class, estimate);
        assertEquals(submitted.code(), estimated.code());
        assertEquals(submitted.getMessage(), estimated.getMessage());
    }

    private void assertMeshRefused(MeshRequest request, Path path, String expectedInMessage) {
        assertRefused(() -> engine.submit(request), () -> engine.estimate(request), path, expectedInMessage);
    }

    private void assertScanRefused(ScanRequest request, Path path, String expectedInMessage) {
        assertRefused(() -> engine.submit(request), () -> engine.estimate(request), path, expectedInMessage);
    }

    private Path photo(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.write(file, PngHeaders.declaring(64, 48));
    }

    private static MeshRequest mesh(Path front, MeshParams params, Path output) {
        return new MeshRequest(Map.of(View.FRONT, InputSource.of(front)), params, output);
    }

    private Path photoFolder(Path folder) throws Exception {
        for (int i = 0; i < 3; i++) {
            photo(folder.resolve("p" + i + ".png"));
        }
        return folder;
    }

    private static ScanRequest scan(Path input, Path output) {
        return new ScanRequest(InputSource.of(input), ScanParams.builder().device(DeviceKind.CPU).build(), output);
    }

    @Test
    void theEstimateRefusesAnExistingFolderAsTheOutputAsSubmitDoes() throws Exception {
        Path front = photo(temp.resolve("in/front.png"));
        Path meshFolder = Files.createDirectories(temp.resolve("out/adir.glb"));
        assertMeshRefused(mesh(front, MeshParams.defaults(), meshFolder), meshFolder, "is a folder");

        Path scanFolder = Files.createDirectories(temp.resolve("out/sdir.ply"));
        assertScanRefused(scan(photoFolder(temp.resolve("photos")), scanFolder), scanFolder, "is a folder");
    }

    @Test
    void aFolderWhereAnObjsMtlOrATextureGoesIsRefusedBeforeTheJob() throws Exception {
        Path front = photo(temp.resolve("in/front.png"));
        Path mtl = Files.createDirectories(temp.resolve("out/p/x.mtl"));
        assertMeshRefused(mesh(front, MeshParams.defaults(), temp.resolve("out/p/x.obj")), mtl, "is a folder");

        // An FBX names the textures an OBJ would, and the PBR maps only with pbr.
        Path normal = Files.createDirectories(temp.resolve("out/f/my_chair_normal.png"));
        MeshRequest fbx = mesh(front, MeshParams.builder().pbr(true).outputs(Set.of(OutputFormat.FBX)).build(),
                temp.resolve("out/f/my chair.glb"));
        assertMeshRefused(fbx, normal, "is a folder");
    }

    @Test
    void aFolderWhereTheScanPreviewGoesIsRefusedBeforeTheJob() throws Exception {
        Path preview = Files.createDirectories(temp.resolve("out/s/pv-preview.png"));
        assertScanRefused(scan(photoFolder(temp.resolve("photos")), temp.resolve("out/s/pv.ply")), preview,
                "is a folder");
    }

    @Test
    void aMeshTextureThatIsTheFrontPhotoIsRefusedAndThePhotoKept() throws Exception {
        Path front = photo(temp.resolve("out/q/q_basecolor.png"));
        byte[] before = Files.readAllBytes(front);
        // Spelt another way, as a user may: the check compares files, not names.
        Path frontSpeltOtherwise = temp.resolve("out/q/../q/./q_basecolor.png");
        assertMeshRefused(mesh(frontSpeltOtherwise, MeshParams.defaults(), temp.resolve("out/q/q.obj")), front,
                "is the input " + frontSpeltOtherwise);
        assertArrayEquals(before, Files.readAllBytes(front));
    }

    @Test
    void aScanOutputInItsPhotoFolderIsRefusedAndOneInASubFolderIsNot() throws Exception {
        Path photos = photoFolder(temp.resolve("photos"));
        assertScanRefused(scan(photos, photos.resolve("s.ply")), photos.resolve("s.ply"),
                "is in the input folder " + photos);
        assertTrue(Files.notExists(photos.resolve("s-preview.png")));
        // The folder's photos are listed without descending: a sub-folder is no input.
        assertEquals("cpu", engine.estimate(scan(photos, photos.resolve("out/s.ply"))).backend());
    }

    @Test
    void aTrainOutputThatIsADatasetFrameIsRefused() throws Exception {
        Path dataset = TinyDataset.write(temp.resolve("dataset"), 8, 6).getParent();
        Path frame = dataset.resolve("images/f1.png");
        byte[] before = Files.readAllBytes(frame);
        Forge3dException refused = assertThrows(Forge3dException.class, () -> engine.submit(DeviceKind.CPU,
                folder -> TrainPipeline.create(dataset, new TrainOptions(5, 1, 7, false, 10_000),
                        frame, engine.config().maxImagePixels())));
        assertEquals(ErrorCode.INVALID_PARAM, refused.code());
        assertTrue(refused.getMessage().startsWith("invalid output: " + frame + " is the input " + frame),
                refused.getMessage());
        assertEquals(List.of(), engine.jobs());
        assertArrayEquals(before, Files.readAllBytes(frame));

        // Nor a file of the dataset's own: its transforms.json, its points.
        Path transforms = dataset.resolve("transforms.json");
        Forge3dException overDataset = assertThrows(Forge3dException.class, () -> engine.submit(DeviceKind.CPU,
                folder -> TrainPipeline.create(dataset, new TrainOptions(5, 1, 7, false, 10_000),
                        transforms, engine.config().maxImagePixels())));
        assertTrue(overDataset.getMessage().startsWith("invalid output: " + transforms + " is the input"),
                overDataset.getMessage());
    }

    @Test
    void aPosesOutputFolderThatHoldsItsPhotosIsRefusedAndThePhotosKept() throws Exception {
        Path photos = photoFolder(temp.resolve("photos"));
        List<Path> files;
        try (var listed = Files.list(photos)) {
            files = listed.sorted().toList();
        }
        ResolvedInput input = new ResolvedInput(photos.toString(), files, MediaKind.PNG, true, Optional.empty(),
                List.of());
        for (Path output : List.of(photos, temp)) {
            Forge3dException refused = assertThrows(Forge3dException.class, () -> engine.submit(DeviceKind.CPU,
                    folder -> PosesPipeline.create(ScanParams.defaults(), input, folder, output)));
            assertEquals(ErrorCode.INVALID_PARAM, refused.code());
            assertTrue(refused.getMessage().contains(output + " holds the input "), refused.getMessage());
        }
        assertEquals(3, files.stream().filter(Files::exists).count(), "the photos are kept");
    }
}
