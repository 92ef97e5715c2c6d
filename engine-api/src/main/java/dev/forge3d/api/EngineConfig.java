package dev.forge3d.api;

import java.nio.file.Path;

/**
 * Engine-wide settings.
 *
 * @param workRoot          where each job gets its own working folder; by default
 *                          {@code forge3d-jobs-USER} in the temporary folder, one for each user,
 *                          since one user's folder there cannot be written by another
 * @param maxRunningJobs    jobs that run at the same time
 * @param threadsPerJob     the CPU threads one running job computes on (its parallel loops and
 *                          the CPU splat trainer); the result does not depend on it. OpenCV's own
 *                          loops (SIFT, GrabCut) follow OpenCV's process-wide setting
 * @param maxQueuedJobs     jobs that may wait; one more is refused with
 *                          {@link ErrorCode#CONCURRENT_LIMIT_REACHED}
 * @param keptFinishedJobs  finished jobs that {@link Engine#jobs()} and {@link Engine#job(String)}
 *                          still list; older ones are forgotten, so a long-lived engine does
 *                          not grow (whoever holds a {@link Job} keeps it usable)
 * @param maxImageBytes     size limit of one image input
 * @param maxImagePixels    limit on the pixels an image's header, or a video's frames, declare
 *                          (width times height), checked before decoding: a small file can
 *                          declare gigapixels
 * @param maxVideoBytes     size limit of one video input
 * @param keepWorkFolders   keep job working folders after the job ends (for debugging)
 */
public record EngineConfig(Path workRoot, int maxRunningJobs, int threadsPerJob, int maxQueuedJobs, int keptFinishedJobs,
                           long maxImageBytes, long maxImagePixels, long maxVideoBytes, boolean keepWorkFolders) {
    public static final long DEFAULT_MAX_IMAGE_BYTES = 10L * 1024 * 1024;
    /** 100 megapixels: above any camera's photo that fits in {@link #DEFAULT_MAX_IMAGE_BYTES}. */
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 100_000_000L;
    public static final long DEFAULT_MAX_VIDEO_BYTES = 500L * 1024 * 1024;
    public static final int MAX_THREADS_PER_JOB = 1024;

    public EngineConfig {
        Check.present("workRoot", workRoot);
        Check.inRange("maxRunningJobs", maxRunningJobs, 1, 64);
        Check.inRange("threadsPerJob", threadsPerJob, 1, MAX_THREADS_PER_JOB);
        Check.inRange("maxQueuedJobs", maxQueuedJobs, 0, 10_000);
        Check.inRange("keptFinishedJobs", keptFinishedJobs, 0, 1_000_000);
        if (maxImageBytes <= 0 || maxVideoBytes <= 0) {
            throw Forge3dException.invalidParam("maxImageBytes/maxVideoBytes",
                    maxImageBytes + "/" + maxVideoBytes, "> 0");
        }
        if (maxImagePixels <= 0) {
            throw Forge3dException.invalidParam("maxImagePixels", String.valueOf(maxImagePixels), "> 0");
        }
    }

    public static EngineConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's settings, to change some of them by name. */
    public Builder toBuilder() {
        return builder().workRoot(workRoot).maxRunningJobs(maxRunningJobs).threadsPerJob(threadsPerJob)
                .maxQueuedJobs(maxQueuedJobs).keptFinishedJobs(keptFinishedJobs).maxImageBytes(maxImageBytes)
                .maxImagePixels(maxImagePixels).maxVideoBytes(maxVideoBytes).keepWorkFolders(keepWorkFolders);
    }

    /** Builds an {@link EngineConfig}; unset fields take the documented defaults. */
    public static final class Builder {
        private Path workRoot = Path.of(System.getProperty("java.io.tmpdir"), "forge3d-jobs-" + userName());
        private int maxRunningJobs = 1;
        private int threadsPerJob = Runtime.getRuntime().availableProcessors();
        private int maxQueuedJobs = 16;
        private int keptFinishedJobs = 100;
        private long maxImageBytes = DEFAULT_MAX_IMAGE_BYTES;
        private long maxImagePixels = DEFAULT_MAX_IMAGE_PIXELS;
        private long maxVideoBytes = DEFAULT_MAX_VIDEO_BYTES;
        private boolean keepWorkFolders;

        private Builder() {
        }

        /** The user's name as a file name: letters, digits, dot, dash and underscore kept, the rest '_'. */
        static String userName() {
            String name = System.getProperty("user.name", "");
            String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
            return safe.isEmpty() || safe.chars().allMatch(c -> c == '.') ? "user" : safe;
        }

        public Builder workRoot(Path workRoot) {
            this.workRoot = workRoot;
            return this;
        }

        public Builder maxRunningJobs(int maxRunningJobs) {
            this.maxRunningJobs = maxRunningJobs;
            return this;
        }

        public Builder threadsPerJob(int threadsPerJob) {
            this.threadsPerJob = threadsPerJob;
            return this;
        }

        public Builder maxQueuedJobs(int maxQueuedJobs) {
            this.maxQueuedJobs = maxQueuedJobs;
            return this;
        }

        public Builder keptFinishedJobs(int keptFinishedJobs) {
            this.keptFinishedJobs = keptFinishedJobs;
            return this;
        }

        public Builder maxImageBytes(long maxImageBytes) {
            this.maxImageBytes = maxImageBytes;
            return this;
        }

        public Builder maxImagePixels(long maxImagePixels) {
            this.maxImagePixels = maxImagePixels;
            return this;
        }

        public Builder maxVideoBytes(long maxVideoBytes) {
            this.maxVideoBytes = maxVideoBytes;
            return this;
        }

        public Builder keepWorkFolders(boolean keepWorkFolders) {
            this.keepWorkFolders = keepWorkFolders;
            return this;
        }

        public EngineConfig build() {
            return new EngineConfig(workRoot, maxRunningJobs, threadsPerJob, maxQueuedJobs, keptFinishedJobs, maxImageBytes,
                    maxImagePixels, maxVideoBytes, keepWorkFolders);
        }
    }
}
