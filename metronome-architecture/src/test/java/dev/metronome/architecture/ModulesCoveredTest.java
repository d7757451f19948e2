package dev.metronome.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The rules see every module of the build, and know each one's place. */
class ModulesCoveredTest {

    private static final String SELF = "metronome-architecture";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.metronome");

    @Test
    void everyModuleOfTheBuild_isOnThisModulesClassPath() throws IOException {
        Set<String> seen = CLASSES.stream().map(Module::artifactOf).flatMap(Optional::stream)
                .collect(Collectors.toCollection(LinkedHashSet::new));

        assertThat(seen).as("modules listed in pom.xml whose classes these rules check; a module missing here "
                + "must be added to " + SELF + "/pom.xml as a test dependency").containsAll(buildModules());
    }

    @Test
    void everyModuleOfTheBuild_hasItsPlaceInTheRules() throws IOException {
        Set<String> known = Arrays.stream(Module.values()).map(Module::artifact).collect(Collectors.toSet());

        assertThat(buildModules()).as("modules listed in pom.xml; a new one needs its allowed directions in "
                + "Module and ModuleDirectionsTest").allMatch(known::contains);
    }

    @Test
    void everyImportedClass_belongsToAModule() {
        assertThat(CLASSES).as("classes whose location names no module").allMatch(c -> Module.artifactOf(c).isPresent());
    }

    private static Set<String> buildModules() throws IOException {
        Path parentPom = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../pom.xml").normalize();
        Matcher matcher = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(parentPom));
        Set<String> modules = new LinkedHashSet<>();
        while (matcher.find()) {
            if (!matcher.group(1).equals(SELF)) {
                modules.add(matcher.group(1).trim());
            }
        }
        assertThat(modules).as(parentPom + ": <module> entries").isNotEmpty();
        return modules;
    }
}
