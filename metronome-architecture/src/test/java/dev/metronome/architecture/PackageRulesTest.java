package dev.metronome.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.metronome.callback.Callback;

/** Rules inside the modules: no package cycles, and the seams core is built around stay clean. */
@AnalyzeClasses(packages = "dev.metronome", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTest {

    /** Every package is its own slice: {@code callback} and {@code callback.event} count as two. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.metronome.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theTaskContractStandsAlone = classes().that().resideInAPackage("dev.metronome.task")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "dev.metronome.task", "dev.metronome.tensor", "java..", "com.fasterxml.jackson.databind..")
            .because("an engine implements TrainingTask and should need nothing of the loop to do it");

    @ArchTest
    static final ArchRule theLoopAddsNoCallbacksOfItsOwn = noClasses().that().resideInAPackage("dev.metronome.loop")
            .should().dependOnClassesThat(assignableTo(Callback.class).and(not(equivalentTo(Callback.class)))
                    .and(resideOutsideOfPackage("dev.metronome.loop")))
            .because("metrics, consoles and the like are added by the layer that wants them (TrainingRun, the CLI)");
}
