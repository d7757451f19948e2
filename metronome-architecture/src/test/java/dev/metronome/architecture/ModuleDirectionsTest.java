package dev.metronome.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The arrows between modules point one way (ARCHITECTURE.md): core ← data ← the engines (djl,
 * torch: peers that never see each other) ← the CLI; benchmarks on the side, used by nothing.
 */
@AnalyzeClasses(packages = "dev.metronome", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleDirectionsTest {

    private static final String[] ENGINE_LIBRARIES = {"ai.djl..", "org.bytedeco.."};

    @ArchTest
    static final ArchRule coreKnowsNoEngineAndNoModuleAboveIt = noClasses().that(Module.in(Module.CORE))
            .should().dependOnClassesThat(Module.in(Module.DATA, Module.DJL, Module.TORCH, Module.CLI, Module.BENCH)
                    .or(resideInAnyPackage(ENGINE_LIBRARIES)))
            .because("core is pure Java: schedules, loop, checkpoints and files work for any engine");

    @ArchTest
    static final ArchRule dataKnowsNoEngine = noClasses().that(Module.in(Module.DATA))
            .should().dependOnClassesThat(Module.in(Module.DJL, Module.TORCH, Module.CLI, Module.BENCH)
                    .or(resideInAnyPackage(ENGINE_LIBRARIES)))
            .because("readers, sampler and metrics are shared by every engine");

    @ArchTest
    static final ArchRule djlKnowsNoOtherEngineAndNoCli = noClasses().that(Module.in(Module.DJL))
            .should().dependOnClassesThat(Module.in(Module.TORCH, Module.CLI))
            .because("engines are peers, and the CLI sits on top of them");

    @ArchTest
    static final ArchRule torchKnowsNoOtherEngineAndNoCli = noClasses().that(Module.in(Module.TORCH))
            .should().dependOnClassesThat(Module.in(Module.DJL, Module.CLI).or(resideInAnyPackage("ai.djl..")))
            .because("engines are peers, and the CLI sits on top of them")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule onlyTheBenchmarksUseTheCli = noClasses().that(not(Module.in(Module.CLI, Module.BENCH)))
            .should().dependOnClassesThat(Module.in(Module.CLI))
            .because("the CLI is the top of the product");

    @ArchTest
    static final ArchRule nothingUsesTheBenchmarks = noClasses().that(not(Module.in(Module.BENCH)))
            .should().dependOnClassesThat(Module.in(Module.BENCH))
            .because("benchmarks measure the product and are not part of it");
}
