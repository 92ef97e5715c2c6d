package dev.forge3d.cuda.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Finds {@code libforge3d_cuda.so} in the jar, extracts it to a cache folder named by its SHA-256
 * and loads it. A library can only be loaded from a file, and naming the folder by the content
 * means two jars of different builds never share a file, while repeated runs reuse the extraction.
 *
 * <p>The cache is the system property {@code forge3d.cache.dir} when set, else
 * {@code $XDG_CACHE_HOME/forge3d}, else {@code ~/.cache/forge3d}.
 */
public final class NativeLibraryLoader {
    public static final String LIBRARY_NAME = "libforge3d_cuda.so";
    /** Written by build-native.sh beside where the library would be, holding why it was not built. */
    public static final String NOT_BUILT_SUFFIX = ".not-built";

    private NativeLibraryLoader() {
    }

    /** The outcome of {@link #load}: a loaded library, or why there is none. */
    public sealed interface Result permits Loaded, Missing {
    }

    /** @param path the extracted file that was loaded */
    public record Loaded(Path path, SymbolLookup symbols) implements Result {
    }

    /** @param reason why the library cannot be used, for {@code BackendInfo.reason()} */
    public record Missing(String reason) implements Result {
    }

    /** Loads the library packed for this platform from {@code classLoader}, extracting it under {@code cacheRoot}. */
    @SuppressWarnings("restricted") // loading the library is this class's job; run with --enable-native-access
    public static Result load(ClassLoader classLoader, Path cacheRoot) {
        String platform = platform();
        if (platform == null) {
            return new Missing("the CUDA backend supports linux-x86_64 and linux-aarch64, not "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
        String resource = resourcePath(platform);
        byte[] library;
        try {
            library = readResource(classLoader, resource);
            if (library == null) {
                String notBuilt = readNotBuiltReason(classLoader, resource + NOT_BUILT_SUFFIX);
                return new Missing(notBuilt != null ? notBuilt
                        : LIBRARY_NAME + " is not in the jar for " + platform + " (the jar was built elsewhere?)");
            }
        } catch (IOException e) {
            return new Missing("cannot read " + resource + " from the class path: " + e.getMessage());
        }
        Path extracted;
        try {
            extracted = extract(library, cacheRoot);
        } catch (IOException e) {
            return new Missing("cannot extract " + LIBRARY_NAME + " to " + cacheRoot + ": " + e);
        }
        try {
            // The global arena: a library stays loaded for the life of the JVM, like System.load.
            return new Loaded(extracted, SymbolLookup.libraryLookup(extracted, Arena.global()));
        } catch (IllegalArgumentException | IllegalCallerException e) {
            return new Missing("cannot load " + extracted + ": " + e.getMessage());
        }
    }

    /**
     * Writes {@code library} to {@code cacheRoot/native/<sha-256>/libforge3d_cuda.so} unless an
     * identical file is already there, and returns that path. Writes a temporary file and renames it,
     * so a concurrent reader never sees a partial library.
     */
    public static Path extract(byte[] library, Path cacheRoot) throws IOException {
        String hash = sha256(library);
        Path folder = cacheRoot.resolve("native").resolve(hash);
        Path target = folder.resolve(LIBRARY_NAME);
        if (Files.isRegularFile(target) && Files.size(target) == library.length
                && hash.equals(sha256(Files.readAllBytes(target)))) {
            return target;
        }
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, LIBRARY_NAME, ".tmp");
        try {
            Files.write(temporary, library);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }

    /** The cache folder the system property and environment name; see the class comment. */
    public static Path defaultCacheRoot() {
        String property = System.getProperty("forge3d.cache.dir");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "forge3d");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "forge3d");
    }

    /** {@code linux-x86_64} or {@code linux-aarch64}; null on a platform the build does not target. */
    public static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux")) {
            return null;
        }
        return switch (arch) {
            case "amd64", "x86_64" -> "linux-x86_64";
            case "aarch64", "arm64" -> "linux-aarch64";
            default -> null;
        };
    }

    /** Where build-native.sh puts the library inside the jar. */
    public static String resourcePath(String platform) {
        return "native/" + platform + "/" + LIBRARY_NAME;
    }

    private static byte[] readResource(ClassLoader classLoader, String resource) throws IOException {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static String readNotBuiltReason(ClassLoader classLoader, String resource) throws IOException {
        byte[] text = readResource(classLoader, resource);
        return text == null ? null : new String(text, StandardCharsets.UTF_8).strip();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
