package dev.metronome.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The build's modules, told apart by where a class was loaded from ({@code metronome-core/target/…}
 * or {@code metronome-core-<version>.jar}), because core and data share the {@code dev.metronome}
 * package namespace.
 */
enum Module {
    CORE, DATA, DJL, TORCH, CLI, BENCH;

    private static final Pattern LOCATION = Pattern.compile("metronome-([a-z]+)(?:/target/|-\\d+\\.\\d+)");

    /** @return the module's directory and artifact name, e.g. {@code metronome-core} */
    String artifact() {
        return "metronome-" + name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Returns the module a class was loaded from.
     *
     * @param javaClass an imported class
     * @return its module's artifact name ({@code metronome-…}), empty for a class of no module
     */
    static Optional<String> artifactOf(JavaClass javaClass) {
        return javaClass.getSource().flatMap(source -> {
            Matcher matcher = LOCATION.matcher(source.getUri().toString());
            String found = null;
            while (matcher.find()) {
                found = "metronome-" + matcher.group(1);
            }
            return Optional.ofNullable(found);
        });
    }

    /**
     * A predicate for classes of any of the given modules.
     *
     * @param modules the modules
     * @return true for a class loaded from one of them
     */
    static DescribedPredicate<JavaClass> in(Module... modules) {
        String names = Arrays.stream(modules).map(Module::artifact).collect(Collectors.joining(", "));
        return DescribedPredicate.describe("are in " + names, javaClass -> artifactOf(javaClass)
                .map(artifact -> Arrays.stream(modules).anyMatch(module -> module.artifact().equals(artifact)))
                .orElse(false));
    }
}
