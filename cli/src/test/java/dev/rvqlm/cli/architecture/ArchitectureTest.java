package dev.rvqlm.cli.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md's rules, checked on the compiled main classes of every module (cli sees them all): the arrows
 * between modules point down only, and no module has a cycle between its packages. The poms already keep a module
 * from importing what it does not depend on; these rules also catch an arrow a pom change would let in.
 */
class ArchitectureTest {

    /** Module → the modules it may use (ARCHITECTURE.md, "Modules and the only arrows allowed between them"). */
    static final Map<String, List<String>> ALLOWED = Map.of(
            "patterns", List.of(),
            "tokens", List.of(),
            "tokenizer", List.of("tokens"),
            "lm", List.of("patterns", "tokens"),
            "eval", List.of("lm", "patterns", "tokenizer", "tokens"),
            "cli", List.of("eval", "lm", "patterns", "tokenizer", "tokens"));

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.rvqlm");
    }

    @Test
    void modulesUseOnlyTheModulesBelowThem() {
        for (var module : ALLOWED.entrySet()) {
            List<String> forbidden = ALLOWED.keySet().stream()
                    .filter(m ->
                            !m.equals(module.getKey()) && !module.getValue().contains(m))
                    .map(m -> "dev.rvqlm." + m + "..")
                    .toList();
            ArchRule rule = noClasses()
                    .that()
                    .resideInAPackage("dev.rvqlm." + module.getKey() + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(forbidden.toArray(String[]::new))
                    .because("ARCHITECTURE.md allows " + module.getKey() + " to use only " + module.getValue());
            rule.check(classes);
        }
    }

    @Test
    void lmNeverSeesAudio() {
        noClasses()
                .that()
                .resideInAPackage("dev.rvqlm.lm..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.rvqlm.tokenizer..")
                .because("the LM reads tokens through tokens, never audio")
                .check(classes);
    }

    @Test
    void noModuleHasAPackageCycle() {
        for (String module : ALLOWED.keySet()) {
            slices().matching("dev.rvqlm." + module + ".(**)")
                    .should()
                    .beFreeOfCycles()
                    .because(module + "'s packages depend on each other one way")
                    .check(classes);
        }
    }

    @Test
    void resultsArePlainDataThatNeitherRunsNorReports() {
        noClasses()
                .that()
                .resideInAPackage("dev.rvqlm.eval.results..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.rvqlm.eval.run..", "dev.rvqlm.eval.report..", "dev.rvqlm.eval.stats..")
                .because("a run result travels between processes and machines as data")
                .check(classes);
    }
}
