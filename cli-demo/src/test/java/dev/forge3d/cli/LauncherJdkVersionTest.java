package dev.forge3d.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code scripts/find-jdk.sh}, which {@code ./forge3d} and {@code .ci/run} source, reads a JDK's
 * major version from what {@code java -version} prints, also when the JVM first says that it
 * picked up {@code JAVA_TOOL_OPTIONS}. Fake {@code java} executables print each banner.
 */
class LauncherJdkVersionTest {
    private static final Path FIND_JDK = Path.of("..", "scripts", "find-jdk.sh").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void theMajorVersionIsReadFromTheVersionLineWhereverItIs() throws Exception {
        assumeTrue(Files.isRegularFile(FIND_JDK) && Files.isExecutable(Path.of("/bin/bash")), "needs bash and the script");
        Map<String, String> banners = Map.of(
                "25", "openjdk version \"25.0.3\" 2025-10-21 LTS\nOpenJDK Runtime Environment Temurin-25.0.3+9",
                "22", "Picked up JAVA_TOOL_OPTIONS: -Xmx2g -Dfile.encoding=\"UTF-8\"\nopenjdk version \"22\" 2024-03-19",
                "17", "java version \"17.0.9\" 2023-10-17 LTS\nJava(TM) SE Runtime Environment",
                "8", "Picked up _JAVA_OPTIONS: -Xmx1g\nopenjdk version \"1.8.0_392\"\nOpenJDK Runtime Environment");
        for (var banner : banners.entrySet()) {
            assertEquals(banner.getKey(), majorVersion(fakeJava(banner.getKey(), banner.getValue())), banner.getValue());
        }
        assertEquals("", majorVersion(fakeJava("silent", "Error: could not create the Java Virtual Machine.")));
        assertEquals("", majorVersion(temp.resolve("no-such-java")));
    }

    /** A script that prints {@code banner} on stderr, as {@code java -version} does. */
    private Path fakeJava(String name, String banner) throws IOException {
        Path java = temp.resolve("java-" + name);
        Files.writeString(java, "#!/bin/bash\ncat >&2 <<'EOF'\n" + banner + "\nEOF\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    /** What {@code forge3d_java_major} prints, under the launcher's {@code set -euo pipefail}. */
    private static String majorVersion(Path java) throws Exception {
        Process bash = new ProcessBuilder("/bin/bash", "-c",
                "set -euo pipefail; source \"$0\"; forge3d_java_major \"$1\"", FIND_JDK.toString(), java.toString())
                .redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), "forge3d_java_major must not fail: " + out);
        return out;
    }
}
