package dev.forge3d.engine.input;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Checks on the file and folder inputs of train and render: scenes, pose files and datasets. */
public final class PathChecks {
    private PathChecks() {
    }

    /**
     * @param what what the file is, for the message, for example {@code scene}
     * @throws Forge3dException {@code unsupported_media} for another extension, {@code unreadable_input}
     *                          when the file is missing
     */
    public static Path requireFile(Path file, String extension, String what) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith("." + extension)) {
            throw new Forge3dException(ErrorCode.UNSUPPORTED_MEDIA,
                    file + ": the " + what + " must be a ." + extension + " file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, file + ": no such " + what + " file");
        }
        return file;
    }

    /**
     * A training dataset: the output folder of {@code poses} (with {@code transforms.json}) or a COLMAP
     * folder (with {@code sparse/0} or {@code sparse}, and {@code images/}).
     */
    public static Path requireDataset(Path folder) {
        if (!Files.exists(folder)) {
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, folder + ": no such dataset folder");
        }
        boolean transforms = Files.isRegularFile(folder.resolve("transforms.json"));
        boolean colmap = Files.isDirectory(folder.resolve("sparse")) && Files.isDirectory(folder.resolve("images"));
        if (!Files.isDirectory(folder) || !(transforms || colmap)) {
            throw new Forge3dException(ErrorCode.UNSUPPORTED_MEDIA, folder
                    + ": a dataset is a folder with transforms.json (from forge3d poses) or a COLMAP model "
                    + "(sparse/ and images/)");
        }
        return folder;
    }
}
