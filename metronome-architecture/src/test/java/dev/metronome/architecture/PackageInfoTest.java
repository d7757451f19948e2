package dev.metronome.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every package of every module says what it owns, in a {@code package-info.java}. */
class PackageInfoTest {

    @Test
    void everyPackageWithMainSources_hasAPackageInfo() throws IOException {
        Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("..").normalize();
        List<Path> sourceRoots;
        try (Stream<Path> modules = Files.list(root)) {
            sourceRoots = modules.map(module -> module.resolve("src/main/java")).filter(Files::isDirectory)
                    .collect(Collectors.toList());
        }
        assertThat(sourceRoots).as("src/main/java of the modules under " + root).hasSizeGreaterThanOrEqualTo(5);

        List<String> undocumented = sourceRoots.stream().flatMap(PackageInfoTest::directoriesWithJavaFiles)
                .filter(directory -> !Files.exists(directory.resolve("package-info.java")))
                .map(directory -> root.relativize(directory).toString())
                .sorted()
                .collect(Collectors.toList());

        assertThat(undocumented).as("packages without package-info.java").isEmpty();
    }

    private static Stream<Path> directoriesWithJavaFiles(Path sourceRoot) {
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            return files.filter(file -> file.toString().endsWith(".java")).map(Path::getParent).distinct()
                    .collect(Collectors.toList()).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
