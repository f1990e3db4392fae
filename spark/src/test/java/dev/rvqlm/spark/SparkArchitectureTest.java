package dev.rvqlm.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md's rules for the spark module (cli's ArchitectureTest does not see it: nothing depends on it, which
 * the poms enforce): spark uses eval, lm, patterns, tokenizer and tokens, never cli (which only its assembly
 * packages), and its packages depend on each other one way.
 */
class SparkArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // this module's own classes only (fast: no scan of Spark's jars); what they use is known by name
        classes = new ClassFileImporter().importPath(Path.of("target", "classes"));
    }

    @Test
    void sparkNeverUsesCli() {
        noClasses()
                .that()
                .resideInAPackage("dev.rvqlm.spark..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.rvqlm.cli..")
                .because("cli is packaged into spark's assembly, not used by it")
                .check(classes);
    }

    @Test
    void sparkPackagesHaveNoCycle() {
        slices().matching("dev.rvqlm.spark.(**)")
                .should()
                .beFreeOfCycles()
                .because("spark's packages depend on each other one way")
                .check(classes);
    }
}
