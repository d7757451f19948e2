package dev.metronome.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTest {

    private static Properties properties(String version, String commit) {
        Properties properties = new Properties();
        if (version != null) {
            properties.setProperty("version", version);
        }
        if (commit != null) {
            properties.setProperty("git.commit", commit);
        }
        return properties;
    }

    @Test
    void current_readsTheVersionTheBuildFilteredIn() {
        BuildInfo build = BuildInfo.current();

        assertThat(build.version()).matches("\\d+\\.\\d+\\.\\d+.*").doesNotContain("${");
    }

    @Test
    void launcherCommit_fillsInOnlyWhenTheBuildRecordedNone() {
        BuildInfo unrecorded = BuildInfo.fromProperties(properties("0.1.0", null));
        BuildInfo recorded = BuildInfo.fromProperties(properties("0.1.0", "26dd9ae"));

        assertThat(BuildInfo.withSourceCommit(unrecorded, "abc123-dirty").gitCommit()).contains("abc123-dirty");
        assertThat(BuildInfo.withSourceCommit(unrecorded, " ").gitCommit()).isEmpty();
        assertThat(BuildInfo.withSourceCommit(unrecorded, null).gitCommit()).isEmpty();
        assertThat(BuildInfo.withSourceCommit(recorded, "abc123").gitCommit()).contains("26dd9ae");
    }

    @Test
    void filteredValues_areTakenAsGiven() {
        BuildInfo build = BuildInfo.fromProperties(properties("0.1.0", "26dd9aec62b28dab909f71f4b31738c5b4e79b46"));

        assertThat(build.version()).isEqualTo("0.1.0");
        assertThat(build.gitCommit()).contains("26dd9aec62b28dab909f71f4b31738c5b4e79b46");
    }

    @Test
    void unexpandedPlaceholders_blanksAndAbsentKeys_countAsUnknown() {
        assertThat(BuildInfo.fromProperties(properties("${project.version}", "${metronome.git.commit}")))
                .isEqualTo(new BuildInfo(BuildInfo.UNKNOWN_VERSION, java.util.Optional.empty()));
        assertThat(BuildInfo.fromProperties(properties("0.1.0", "  ")).gitCommit()).isEmpty();
        assertThat(BuildInfo.fromProperties(new Properties()).version()).isEqualTo("unknown");
    }
}
