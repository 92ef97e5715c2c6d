package dev.forge3d.cuda.internal;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The libforge3d_cuda.so packed on the class path, for tests that need the real library. */
final class PackedLibrary {
    private PackedLibrary() {
    }

    /** The library's bytes; skips the test when the build had no nvcc. */
    static byte[] bytesOrSkip() throws IOException {
        String platform = NativeLibraryLoader.platform();
        assumeTrue(platform != null, "no native library for this platform");
        try (InputStream in = PackedLibrary.class.getClassLoader()
                .getResourceAsStream(NativeLibraryLoader.resourcePath(platform))) {
            assumeTrue(in != null, "libforge3d_cuda.so was not built (no nvcc at build time)");
            return in.readAllBytes();
        }
    }

    /** The library loaded from the default cache; skips the test when it was not built. */
    static NativeLibraryLoader.Loaded loadedOrSkip() throws IOException {
        bytesOrSkip();
        NativeLibraryLoader.Result result = NativeLibraryLoader.load(
                PackedLibrary.class.getClassLoader(), NativeLibraryLoader.defaultCacheRoot());
        if (result instanceof NativeLibraryLoader.Missing missing) {
            throw new AssertionError("the packed library does not load: " + missing.reason());
        }
        return (NativeLibraryLoader.Loaded) result;
    }
}
