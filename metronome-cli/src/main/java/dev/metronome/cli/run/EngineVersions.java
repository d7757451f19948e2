package dev.metronome.cli.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The DJL and PyTorch versions on the class path, read from the engine jar's own properties file
 * ({@code pytorch-engine.properties}) so that {@code --version} does not load the native library.
 */
public final class EngineVersions {

    private static final String RESOURCE = "/pytorch-engine.properties";

    private EngineVersions() {}

    /**
     * Reads the versions.
     *
     * @return {@code djl} and {@code pytorch} to their versions; {@code unknown} for any not found
     */
    public static Map<String, String> read() {
        Properties properties = new Properties();
        try (InputStream in = EngineVersions.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // Unreadable: reported as unknown below, --version still works.
        }
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("djl", properties.getProperty("djl_version", "unknown").trim());
        versions.put("pytorch", properties.getProperty("pytorch_version", "unknown").trim());
        return versions;
    }
}
