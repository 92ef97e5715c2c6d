package dev.forge3d.cuda.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NativeLibraryLoaderTest {
    @TempDir
    Path cache;

    @Test
    void extractsToAFolderNamedBySha256() throws Exception {
        byte[] library = randomBytes(10_000);
        Path extracted = NativeLibraryLoader.extract(library, cache);
        assertEquals(cache.resolve("native").resolve(sha256(library)).resolve("libforge3d_cuda.so"), extracted);
        assertArrayEquals(library, Files.readAllBytes(extracted));
    }

    @Test
    void extractingAgainReusesTheFileWithoutRewritingIt() throws Exception {
        byte[] library = randomBytes(5_000);
        Path first = NativeLibraryLoader.extract(library, cache);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(first, old);
        Path second = NativeLibraryLoader.extract(library, cache);
        assertEquals(first, second);
        assertEquals(old, Files.getLastModifiedTime(second), "an identical file must not be rewritten");
        assertEquals(List.of(second), filesUnder(cache), "no temporary files are left behind");
    }

    @Test
    void replacesACorruptedExtraction() throws Exception {
        byte[] library = randomBytes(5_000);
        Path extracted = NativeLibraryLoader.extract(library, cache);
        byte[] corrupted = library.clone();
        corrupted[100] ^= 0x5A; // same size, different content: only the hash check notices
        Files.write(extracted, corrupted);
        assertEquals(extracted, NativeLibraryLoader.extract(library, cache));
        assertArrayEquals(library, Files.readAllBytes(extracted));
    }

    @Test
    void differentBuildsNeverShareAFile() throws Exception {
        Path one = NativeLibraryLoader.extract(randomBytes(100), cache);
        Path other = NativeLibraryLoader.extract(randomBytes(100), cache);
        assertNotEquals(one.getParent(), other.getParent());
    }

    @Test
    void reportsTheBuildsReasonWhenTheLibraryWasNotBuilt(@TempDir Path classes) throws Exception {
        String platform = platformOrSkip();
        Path marker = classes.resolve(NativeLibraryLoader.resourcePath(platform) + NativeLibraryLoader.NOT_BUILT_SUFFIX);
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, "libforge3d_cuda.so was not built (nvcc not found at build time)\n");
        NativeLibraryLoader.Result result = loadFrom(classes);
        assertEquals(new NativeLibraryLoader.Missing("libforge3d_cuda.so was not built (nvcc not found at build time)"),
                result);
    }

    @Test
    void reportsAJarWithoutTheLibrary(@TempDir Path classes) throws Exception {
        String platform = platformOrSkip();
        NativeLibraryLoader.Missing missing = assertInstanceOf(NativeLibraryLoader.Missing.class, loadFrom(classes));
        assertTrue(missing.reason().contains("not in the jar for " + platform), missing.reason());
    }

    @Test
    void reportsALibraryThatDoesNotLoad(@TempDir Path classes) throws Exception {
        Path library = classes.resolve(NativeLibraryLoader.resourcePath(platformOrSkip()));
        Files.createDirectories(library.getParent());
        Files.write(library, elfHeaderOfAnotherMachine());
        NativeLibraryLoader.Missing missing = assertInstanceOf(NativeLibraryLoader.Missing.class, loadFrom(classes));
        assertTrue(missing.reason().startsWith("cannot load " + cache), missing.reason());
    }

    @Test
    void loadsThePackedLibraryFromTheCache() throws Exception {
        byte[] packed = PackedLibrary.bytesOrSkip();
        NativeLibraryLoader.Result result = NativeLibraryLoader.load(getClass().getClassLoader(), cache);
        NativeLibraryLoader.Loaded loaded = assertInstanceOf(NativeLibraryLoader.Loaded.class, result);
        assertEquals(cache.resolve("native").resolve(sha256(packed)).resolve("libforge3d_cuda.so"), loaded.path());
        assertTrue(loaded.symbols().find("f3d_abi_version").isPresent());
    }

    @Test
    void cacheRootComesFromTheSystemPropertyWhenSet() {
        String previous = System.getProperty("forge3d.cache.dir");
        try {
            System.setProperty("forge3d.cache.dir", cache.toString());
            assertEquals(cache.toAbsolutePath(), NativeLibraryLoader.defaultCacheRoot());
            System.clearProperty("forge3d.cache.dir");
            Path fallback = NativeLibraryLoader.defaultCacheRoot();
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path expected = xdg != null && !xdg.isBlank() ? Path.of(xdg, "forge3d")
                    : Path.of(System.getProperty("user.home"), ".cache", "forge3d");
            assertEquals(expected, fallback);
        } finally {
            if (previous == null) {
                System.clearProperty("forge3d.cache.dir");
            } else {
                System.setProperty("forge3d.cache.dir", previous);
            }
        }
    }

    private NativeLibraryLoader.Result loadFrom(Path classes) throws IOException {
        // No parent: the class path's own packed library must not be found instead.
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            return NativeLibraryLoader.load(loader, cache);
        }
    }

    private static String platformOrSkip() {
        String platform = NativeLibraryLoader.platform();
        assumeTrue(platform != null, "not a platform the native build targets");
        return platform;
    }

    /**
     * The headers of a shared library for another CPU: dlopen refuses it cleanly. (Not a truncated
     * real library: ld.so maps that and dies of SIGBUS, which is why the loader verifies the hash
     * of a cached file before loading it. Not arbitrary bytes either: the JVM warns about its stack
     * guard for a file without a PT_GNU_STACK header.)
     */
    private static byte[] elfHeaderOfAnotherMachine() {
        short aarch64 = 183;
        short x86_64 = 62;
        ByteBuffer elf = ByteBuffer.allocate(64 + 56).order(ByteOrder.LITTLE_ENDIAN);
        elf.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0}).put(new byte[8]); // 64-bit, little-endian
        elf.putShort((short) 3); // ET_DYN
        elf.putShort("linux-x86_64".equals(NativeLibraryLoader.platform()) ? aarch64 : x86_64);
        elf.putInt(1).putLong(0).putLong(64).putLong(0).putInt(0); // version, entry, phoff, shoff, flags
        elf.putShort((short) 64).putShort((short) 56).putShort((short) 1); // ehsize, phentsize, phnum
        elf.putShort((short) 64).putShort((short) 0).putShort((short) 0); // shentsize, shnum, shstrndx
        elf.putInt(0x6474E551).putInt(6); // PT_GNU_STACK, read and write
        elf.putLong(0).putLong(0).putLong(0).putLong(0).putLong(0).putLong(16);
        return elf.array();
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random().nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
