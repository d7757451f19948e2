package dev.metronome.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The Metronome version and git commit this code was built from, read from the class-path resource
 * {@value #RESOURCE}, which the Maven build writes by resource filtering. The commit is recorded only
 * when the build is given one ({@code -Dmetronome.git.commit=$(git rev-parse HEAD)}); otherwise it
 * is empty. Run from sources without the Maven build, the version is {@value #UNKNOWN_VERSION}.
 *
 * @param version the Metronome version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param gitCommit the commit, if recorded
 */
public record BuildInfo(String version, Optional<String> gitCommit) {

    /** Class-path location of the build properties. */
    public static final String RESOURCE = "/dev/metronome/provenance/metronome-build.properties";

    /** The version reported when the build properties are missing or unfiltered. */
    public static final String UNKNOWN_VERSION = "unknown";

    /** Checks for nulls. */
    public BuildInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(gitCommit, "gitCommit");
    }

    /**
     * The system property through which the {@code ./metronome} launcher passes the checkout's
     * commit when the build did not record one (a plain {@code mvn verify}). The launcher sets it
     * only when the build is up to date with the checkout's sources.
     */
    public static final String SOURCE_COMMIT_PROPERTY = "metronome.source.commit";

    /**
     * Reads the build properties of the running Metronome. The commit is the one recorded at build
     * time, or, when none was, the launcher's {@value #SOURCE_COMMIT_PROPERTY}.
     *
     * @return the build info; version {@value #UNKNOWN_VERSION} if the resource is absent
     * @throws UncheckedIOException if the resource exists but cannot be read
     */
    public static BuildInfo current() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return withSourceCommit(fromProperties(properties), System.getProperty(SOURCE_COMMIT_PROPERTY));
    }

    /** The build's own commit if it recorded one, else the launcher's (blank counts as absent). */
    static BuildInfo withSourceCommit(BuildInfo built, String sourceCommit) {
        if (built.gitCommit().isPresent() || sourceCommit == null || sourceCommit.isBlank()) {
            return built;
        }
        return new BuildInfo(built.version(), Optional.of(sourceCommit.trim()));
    }

    /**
     * Interprets build properties: {@code version} and {@code git.commit}. A value that is blank or
     * still an unexpanded {@code ${...}} placeholder counts as absent.
     *
     * @param properties the properties
     * @return the build info
     */
    public static BuildInfo fromProperties(Properties properties) {
        Optional<String> version = value(properties, "version");
        return new BuildInfo(version.orElse(UNKNOWN_VERSION), value(properties, "git.commit"));
    }

    private static Optional<String> value(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank() || value.contains("${")) {
            return Optional.empty();
        }
        return Optional.of(value.trim());
    }
}
