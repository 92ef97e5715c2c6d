package dev.forge3d.engine.video;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.engine.dataset.ReferenceMapping;
import dev.forge3d.engine.media.FfmpegLog;
import dev.forge3d.engine.media.ImageDecoding;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns a video or a photo folder into the frames a reconstruction works on:
 * {@code images/frame_00000.png}, ... in a dataset folder.
 *
 * <p>For a video, the frames are split into {@code count} equal slots and the sharpest frame of
 * each slot (variance of the Laplacian) is kept, so motion blur is avoided without bunching the
 * frames. The display rotation is applied, then the downscale.
 *
 * <p>Both passes over a video, and each photo, report to a {@link Progress}, which a job's
 * {@code JobContext::progress} is: it checks for cancellation, so a long video stops at the next
 * decoded frame rather than after two full decodes.
 */
public final class FrameExtractor {
    public static final String IMAGES_FOLDER = "images";

    private FrameExtractor() {
    }

    /** Told at every decoded frame or photo; it may throw to stop the extraction (cancellation). */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param fraction    of the extraction done, 0..1, never decreasing: a video's first pass
         *                    is the first half, its second pass the second half
         * @param description for example {@code decoding frame 120/1800 (pass 1 of 2)}
         */
        void report(double fraction, String description);
    }

    /** The relative path of frame {@code index} inside a dataset folder. */
    public static String framePath(int index) {
        return String.format("%s/frame_%05d.png", IMAGES_FOLDER, index);
    }

    /**
     * @param name     what errors call the video: the path given, or the name of the bytes, stream
     *                 or data URI that {@code video} is the engine's copy of
     * @param messages receives notes for the user (fewer frames than asked for)
     * @param progress told after every decoded frame of both passes; what it throws stops the
     *                 extraction with the grabber closed, leaving the frames written so far in
     *                 {@code datasetFolder} for the caller to remove (a job deletes its working folder)
     * @throws Forge3dException {@code unreadable_input} when FFmpeg cannot decode the video or it
     *                          has fewer than two frames
     */
    public static ExtractedFrames fromVideo(Path video, String name, int count, int downscale, Path datasetFolder,
                                            Consumer<String> messages, Progress progress) throws IOException {
        FfmpegLog.errorsOnly();
        List<Double> sharpness = new ArrayList<>();
        double rotation;
        // The converter owns the Mats it returns and releases them when it is closed.
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            rotation = grabber.getDisplayRotation();
            // The container's count: 0 when unknown, and only an estimate from duration and rate.
            int expected = grabber.getLengthInVideoFrames();
            for (Frame frame; (frame = grabber.grabImage()) != null; ) {
                Mat image = converter.convert(frame);
                sharpness.add(image == null ? -1.0 : Sharpness.varianceOfLaplacian(image));
                int decoded = sharpness.size();
                progress.report(firstPassFraction(decoded, expected),
                        "decoding frame " + ofTotal(decoded, expected) + " (pass 1 of 2)");
            }
        } catch (FrameGrabber.Exception e) {
            throw unreadable(name + ": FFmpeg cannot decode it: " + e.getMessage(), e);
        }
        int total = sharpness.size();
        if (total < 2) {
            throw unreadable(name + ": decodes to " + total + " frame(s); poses need at least 2", null);
        }
        if (total < count) {
            messages.accept("the video has " + total + " frames, fewer than the " + count
                    + " asked for: using all of them");
        }
        int[] chosen = sharpestPerSlot(sharpness, Math.min(count, total));
        List<Path> files = new ArrayList<>();
        int[] size = new int[2];
        Files.createDirectories(datasetFolder.resolve(IMAGES_FOLDER));
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            int index = 0;
            int next = 0;
            for (Frame frame; next < chosen.length && (frame = grabber.grabImage()) != null; index++) {
                progress.report(0.5 + 0.5 * (index + 1) / total,
                        "decoding frame " + (index + 1) + "/" + total + " (pass 2 of 2)");
                if (index != chosen[next]) {
                    continue;
                }
                Mat image = converter.convert(frame);
                try (Mat upright = rotate(image, rotation); Mat scaled = downscale(upright, downscale)) {
                    Path file = datasetFolder.resolve(framePath(next));
                    write(scaled, file);
                    files.add(file);
                    size[0] = scaled.cols();
                    size[1] = scaled.rows();
                }
                next++;
            }
        } catch (FrameGrabber.Exception e) {
            throw unreadable(name + ": FFmpeg cannot decode it: " + e.getMessage(), e);
        }
        if (files.size() < 2) {
            throw unreadable(name + ": decodes to " + files.size() + " frame(s) on the second pass", null);
        }
        // The second pass stops at the last chosen frame, short of the end.
        progress.report(1, "extracted " + files.size() + " frames");
        return ExtractedFrames.ofOneSize(files, size[0], size[1], total);
    }

    /**
     * The first pass's share of the extraction (its first half) after {@code decoded} frames of
     * about {@code expected}; an unknown count (0) leaves it at 0, and a count the video turns out
     * to exceed holds it at the half until the second pass.
     */
    static double firstPassFraction(int decoded, int expected) {
        return expected > 0 ? 0.5 * Math.min(1.0, (double) decoded / expected) : 0;
    }

    /** {@code "120/1800"}, or just {@code "120"} when the expected count is unknown or already passed. */
    static String ofTotal(int done, int expected) {
        return done <= expected ? done + "/" + expected : String.valueOf(done);
    }

    /**
     * Photos in the given (name) order, alpha dropped, downscaled, as PNG frames. The first photo
     * is the reference: the others may be turned a quarter from it or at another size, as long as
     * they share its shape ({@link ReferenceMapping#fit}); each keeps its own size and orientation.
     *
     * @param progress told before each photo is decoded, and at the end; what it throws stops the
     *                 extraction, leaving the frames written so far for the caller to remove
     * @throws Forge3dException {@code unreadable_input} when a photo does not decode or its shape
     *                          differs from the first's (one shared camera is estimated)
     */
    public static ExtractedFrames fromPhotos(List<Path> photos, int downscale, Path datasetFolder,
                                             Progress progress) throws IOException {
        if (photos.size() < 2) {
            throw unreadable("the photo folder holds " + photos.size() + " photo(s); poses need at least 2", null);
        }
        Files.createDirectories(datasetFolder.resolve(IMAGES_FOLDER));
        List<Path> files = new ArrayList<>();
        List<ReferenceMapping> mappings = new ArrayList<>();
        int width = -1;
        int height = -1;
        String firstSize = null;
        for (int i = 0; i < photos.size(); i++) {
            // Before the decode, not after: a cancel then costs no further (large) photo.
            progress.report((double) i / photos.size(), "reading photo " + (i + 1) + "/" + photos.size());
            try (Mat bgr = ImageDecoding.decodeBgr(photos.get(i)); Mat scaled = downscale(bgr, downscale)) {
                String size = bgr.cols() + "x" + bgr.rows();
                if (width < 0) {
                    width = scaled.cols();
                    height = scaled.rows();
                    firstSize = size;
                }
                Optional<ReferenceMapping> mapping = ReferenceMapping.fit(scaled.cols(), scaled.rows(), width, height);
                if (mapping.isEmpty()) {
                    throw photosDifferInShape(photos.getFirst(), firstSize, photos.get(i), size);
                }
                mappings.add(mapping.get());
                Path file = datasetFolder.resolve(framePath(i));
                write(scaled, file);
                files.add(file);
            }
        }
        progress.report(1, "read " + photos.size() + " photos");
        return new ExtractedFrames(files, width, height, photos.size(), mappings);
    }

    /**
     * The refusal of a photo folder whose {@code photo} has not the {@code first} photo's shape:
     * poses estimate one camera for the folder ({@link ReferenceMapping#fit}).
     */
    public static Forge3dException photosDifferInShape(Path first, String firstSize, Path photo, String size) {
        return unreadable("the photos differ in shape: " + first.getFileName() + " is " + firstSize + " but "
                + photo.getFileName() + " is " + size + "; poses estimate one shared camera, so all photos must "
                + "have one aspect ratio (portrait and landscape, or other sizes of it, are fine)", null);
    }

    /** The index of the sharpest frame in each of {@code count} equal slots; ties go to the earlier frame. */
    static int[] sharpestPerSlot(List<Double> sharpness, int count) {
        int total = sharpness.size();
        int[] chosen = new int[count];
        for (int slot = 0; slot < count; slot++) {
            int from = (int) ((long) slot * total / count);
            int to = (int) ((long) (slot + 1) * total / count);
            int best = from;
            for (int i = from + 1; i < to; i++) {
                if (sharpness.get(i) > sharpness.get(best)) {
                    best = i;
                }
            }
            chosen[slot] = best;
        }
        return chosen;
    }

    /**
     * FFmpeg's display rotation is counter-clockwise; the picture is turned back by it, as
     * FFmpeg's own autorotate does.
     */
    private static Mat rotate(Mat image, double displayRotation) {
        int clockwise = (int) Math.round(((-displayRotation % 360) + 360) % 360 / 90.0) % 4 * 90;
        Mat out = new Mat();
        switch (clockwise) {
            case 90 -> opencv_core.rotate(image, out, opencv_core.ROTATE_90_CLOCKWISE);
            case 180 -> opencv_core.rotate(image, out, opencv_core.ROTATE_180);
            case 270 -> opencv_core.rotate(image, out, opencv_core.ROTATE_90_COUNTERCLOCKWISE);
            default -> image.copyTo(out);
        }
        return out;
    }

    private static Mat downscale(Mat image, int factor) {
        Mat out = new Mat();
        if (factor == 1) {
            image.copyTo(out);
        } else {
            try (Size size = new Size(image.cols() / factor, image.rows() / factor)) {
                opencv_imgproc.resize(image, out, size, 0, 0, opencv_imgproc.INTER_AREA);
            }
        }
        return out;
    }

    private static void write(Mat image, Path file) throws IOException {
        if (!opencv_imgcodecs.imwrite(file.toString(), image)) {
            throw new IOException("cannot write " + file);
        }
    }

    private static Forge3dException unreadable(String message, Throwable cause) {
        return cause == null ? new Forge3dException(ErrorCode.UNREADABLE_INPUT, message)
                : new Forge3dException(ErrorCode.UNREADABLE_INPUT, message, cause);
    }
}
