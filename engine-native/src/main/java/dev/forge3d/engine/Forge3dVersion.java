package dev.forge3d.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The Forge3D version, filtered into a resource at build time. */
public final class Forge3dVersion {
    private Forge3dVersion() {
    }

    public static String get() {
        try (InputStream in = Forge3dVersion.class.getResourceAsStream("/dev/forge3d/engine/version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
