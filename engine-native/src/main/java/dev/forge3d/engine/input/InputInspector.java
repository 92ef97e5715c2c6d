package dev.forge3d.engine.input;

import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.InputSource;
import dev.forge3d.engine.dataset.ReferenceMapping;
import dev.forge3d.engine.io.FileNames;
import dev.forge3d.engine.media.DecoderInputChecks;
import dev.forge3d.engine.media.VideoProbe;
import dev.forge3d.engine.video.FrameExtractor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks an input's format and size before a job is queued, and turns in-memory inputs into files.
 * The checks run in the order a user can act on: the name's format, then existence, then size, then
 * the content's format, then the pixel count of an image's header ({@link ImageDimensions}) or of
 * a video's frames as FFmpeg opens it. Decoding problems beyond the header surface later, in the
 * job.
 */
public final class InputInspector {
    private static final int SNIFF_BYTES = 32;

    private final EngineConfig config;

    public InputInspector(EngineConfig config) {
        this.config = config;
    }

    /**
     * @param spillFolder where bytes, streams and data URIs are written as files
     * @param spillName   the file name stem for them, for example {@code front}
     */
    public ResolvedInput resolve(InputSource source, InputRole role, Path spillFolder, String spillName) {
        return switch (source) {
            case InputSource.FromPath fromPath -> resolvePath(fromPath.path(), role);
            case InputSource.FromBytes fromBytes ->
                    spill(fromBytes.bytes(), fromBytes.name(), role, spillFolder, spillName);
            case InputSource.FromStream fromStream ->
                    spill(readCapped(fromStream.stream(), fromStream.name(), role), fromStream.name(), role,
                            spillFolder, spillName);
            case InputSource.FromDataUri fromDataUri -> spill(DataUri.decode(fromDataUri.uri(), role,
                    maxBytes(role), spillName), source.displayName(), role, spillFolder, spillName);
        };
    }

    /** Checks a path input without writing anything; used by estimates too. */
    public ResolvedInput resolvePath(Path path, InputRole role) {
        if (Files.isDirectory(path)) {
            return resolvePhotoFolder(path, role);
        }
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        Optional<MediaKind> claimed = MediaKind.fromExtension(name);
        if (MediaKind.hasExtension(name) && (claimed.isEmpty() || !role.accepts(claimed.get()))) {
            throw unsupported(path + ": unsupported format '" + FileNames.extension(name) + "'", role);
        }
        if (!Files.isRegularFile(path)) {
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, path + ": no such file");
        }
        if (!Files.isReadable(path)) {
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, path + ": not readable");
        }
        CheckedFile checked = checkFile(path, role);
        return new ResolvedInput(path.toString(), List.of(path), checked.kind(), false, checked.videoHeader(),
                checked.dimensions().stream().toList());
    }

    private ResolvedInput resolvePhotoFolder(Path folder, InputRole role) {
        if (role != InputRole.VIDEO_OR_PHOTO_FOLDER) {
            throw unsupported(folder + " is a folder", role);
        }
        List<Path> photos;
        try (Stream<Path> entries = Files.list(folder)) {
            photos = entries.filter(Files::isRegularFile)
                    .filter(p -> MediaKind.fromExtension(p.getFileName().toString()).filter(MediaKind::isImage)
                            .isPresent())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, folder + ": cannot list: " + e.getMessage(), e);
        }
        if (photos.isEmpty()) {
            throw unsupported(folder + " holds no JPEG, PNG or WebP photos", role);
        }
        CheckedFile first = null;
        List<ImageDimensions> sizes = new ArrayList<>();
        boolean everySize = true;
        for (Path photo : photos) {
            CheckedFile checked = checkFile(photo, InputRole.IMAGE);
            if (first == null) {
                first = checked;
            } else {
                checkSameShape(photos.getFirst(), first, photo, checked);
            }
            everySize &= checked.dimensions().isPresent();
            if (everySize) {
                sizes.add(checked.dimensions().get());
            }
        }
        return new ResolvedInput(folder.toString(), photos, first.kind(), true, Optional.empty(), sizes);
    }

    /**
     * Poses estimate one camera for a photo folder, so its photos must share the first's shape,
     * turned a quarter or not, at any size ({@link ReferenceMapping#fit}); the header's sizes
     * serve, as an EXIF turn only swaps them. A photo whose header was not read is left to the job.
     */
    private static void checkSameShape(Path firstPhoto, CheckedFile first, Path photo, CheckedFile checked) {
        if (first.dimensions().isEmpty() || checked.dimensions().isEmpty()) {
            return;
        }
        ImageDimensions a = first.dimensions().get();
        ImageDimensions b = checked.dimensions().get();
        if (ReferenceMapping.fit(b.width(), b.height(), a.width(), a.height()).isEmpty()) {
            throw FrameExtractor.photosDifferInShape(firstPhoto, a.width() + "x" + a.height(), photo,
                    b.width() + "x" + b.height());
        }
    }

    /** A file's sniffed kind and, for an image, the size its header declares, for a video its header. */
    private record CheckedFile(MediaKind kind, Optional<ImageDimensions> dimensions,
                               Optional<VideoProbe.VideoInfo> videoHeader) {
    }

    /** Size, then content format, then the declared pixel count, of one existing file. */
    private CheckedFile checkFile(Path file, InputRole role) {
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            byte[] head = in.readNBytes(SNIFF_BYTES);
            if (size == 0) {
                throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, file + ": the file is empty");
            }
            MediaKind kind = sniffAccepted(head, file.toString(), role);
            checkSize(file.toString(), size, kind, role);
            if (kind.isImage()) {
                // The header goes on where the sniffed bytes end: one read of the file serves both.
                return new CheckedFile(kind, checkPixels(file.toString(),
                        new SequenceInputStream(new ByteArrayInputStream(head), in), kind), Optional.empty());
            }
            return new CheckedFile(kind, Optional.empty(), Optional.of(checkVideoPixels(file.toString(), file)));
        } catch (IOException e) {
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private ResolvedInput spill(byte[] bytes, String name, InputRole role, Path spillFolder, String spillName) {
        if (bytes.length == 0) {
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, name + ": the input is empty");
        }
        MediaKind kind = sniffAccepted(Arrays.copyOf(bytes, Math.min(bytes.length, SNIFF_BYTES)), name, role);
        checkSize(name, bytes.length, kind, role);
        Optional<ImageDimensions> imageSize = kind.isImage()
                ? checkPixels(name, new ByteArrayInputStream(bytes), kind) : Optional.empty();
        Path file = spillFolder.resolve(spillName + "." + kind.extension());
        Optional<VideoProbe.VideoInfo> videoHeader = Optional.empty();
        try {
            Files.createDirectories(spillFolder);
            Files.write(file, bytes);
            if (kind.isVideo()) {
                videoHeader = Optional.of(checkVideoPixels(name, file));
            }
        } catch (IOException e) {
            throw new Forge3dException(ErrorCode.INTERNAL_ERROR, "cannot store input " + name + ": " + e.getMessage(), e);
        } catch (Forge3dException refused) {
            deleteQuietly(file);
            throw refused;
        }
        return new ResolvedInput(name, List.of(file), kind, false, videoHeader, imageSize.stream().toList());
    }

    private byte[] readCapped(InputStream stream, String name, InputRole role) {
        long max = maxBytes(role);
        try {
            byte[] bytes = stream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw tooLarge(name, max);
            }
            return bytes;
        } catch (IOException e) {
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, name + ": cannot read the stream: " + e.getMessage(), e);
        }
    }

    private MediaKind sniffAccepted(byte[] head, String name, InputRole role) {
        Optional<MediaKind> kind = MediaKind.sniff(head);
        if (kind.isEmpty() || !role.accepts(kind.get())) {
            throw unsupported(name + ": the content is " + kind.map(MediaKind::name).orElse("not a known format"), role);
        }
        return kind.get();
    }

    private void checkSize(String name, long size, MediaKind kind, InputRole role) {
        long limit = role.limit(kind, config);
        if (size > limit) {
            throw tooLarge(name, limit);
        }
    }

    /** Images whose header declares more than {@link EngineConfig#maxImagePixels()} are refused undecoded. */
    private Optional<ImageDimensions> checkPixels(String name, InputStream in, MediaKind kind) {
        Optional<ImageDimensions> dimensions;
        try {
            dimensions = ImageDimensions.read(in, kind);
        } catch (IOException e) {
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, name + ": cannot read: " + e.getMessage(), e);
        }
        dimensions.ifPresent(d -> checkPixelLimit(name, d));
        return dimensions;
    }

    /**
     * A video's frames are held to the same pixel limit as photos: every later stage works on
     * them. A video FFmpeg cannot open is refused here, as a photo whose header is broken is.
     *
     * @return the header that was checked
     */
    private VideoProbe.VideoInfo checkVideoPixels(String name, Path video) {
        VideoProbe.VideoInfo info = VideoProbe.header(video, name);
        checkPixelLimit(name + " (frames)", new ImageDimensions(info.width(), info.height()));
        return info;
    }

    /**
     * The engine's pixel limit, and the decoder's limits ({@link DecoderInputChecks#requireDecodable}),
     * which a long thin image, or one under a limit an embedder set above the decoder's, can pass the
     * pixel limit under.
     */
    private void checkPixelLimit(String name, ImageDimensions d) {
        long limit = config.maxImagePixels();
        if (d.pixels() > limit) {
            throw new Forge3dException(ErrorCode.INPUT_TOO_LARGE, String.format(Locale.ROOT,
                    "%s: %d x %d pixels (%,d), over the limit of %,d pixels", name, d.width(), d.height(), d.pixels(),
                    limit));
        }
        DecoderInputChecks.requireDecodable(name, d);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The spill folder is the job's or the estimate's scratch, removed with it.
        }
    }

    private long maxBytes(InputRole role) {
        return role == InputRole.IMAGE ? config.maxImageBytes() : config.maxVideoBytes();
    }

    private static Forge3dException tooLarge(String name, long limit) {
        return new Forge3dException(ErrorCode.INPUT_TOO_LARGE,
                name + ": over the size limit of " + limit + " bytes (" + (limit >> 20) + " MiB)");
    }

    private static Forge3dException unsupported(String what, InputRole role) {
        return new Forge3dException(ErrorCode.UNSUPPORTED_MEDIA, what + "; accepted: " + role.accepted());
    }
}
