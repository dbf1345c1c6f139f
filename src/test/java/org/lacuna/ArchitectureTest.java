package org.lacuna;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrows of the house, as layers; each may use only the layers listed for it, so an arrow up or sideways
 * fails:
 * <pre>
 *   ui                          service, config only
 *   cli                         everything below
 *   service                     everything below
 *   bench                       train, eval and below
 *   train | eval                siblings: sample and below, never each other
 *   sample                      model and below: the inpainter, which training previews and evaluation run
 *   model                       data and below
 *   data                        config, store, runtime
 *   config | store | runtime    the bottom: store uses config; config and runtime use nothing of Lacuna's
 * </pre>
 * No arrow is exempted.
 */
class ArchitectureTest {

    private static final String ROOT = "org.lacuna";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    /** The layers of the classes under {@code root} ({@code root.config..}, {@code root.store..}, ...). */
    static LayeredArchitecture layers(String root) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("config").definedBy(root + ".config..")
                .layer("store").definedBy(root + ".store..")
                .layer("runtime").definedBy(root + ".runtime..")
                .layer("data").definedBy(root + ".data..")
                .layer("model").definedBy(root + ".model..")
                .layer("train").definedBy(root + ".train..")
                .layer("sample").definedBy(root + ".sample..")
                .layer("eval").definedBy(root + ".eval..")
                .layer("bench").definedBy(root + ".bench..")
                .layer("service").definedBy(root + ".service..")
                .layer("cli").definedBy(root + ".cli..")
                .layer("ui").definedBy(root + ".ui..")

                .whereLayer("config").mayNotAccessAnyLayer()
                .whereLayer("runtime").mayNotAccessAnyLayer()
                .whereLayer("store").mayOnlyAccessLayers("config")
                .whereLayer("data").mayOnlyAccessLayers("config", "store", "runtime")
                .whereLayer("model").mayOnlyAccessLayers("config", "store", "runtime", "data")
                .whereLayer("sample").mayOnlyAccessLayers("config", "store", "runtime", "data", "model")
                .whereLayer("train").mayOnlyAccessLayers("config", "store", "runtime", "data", "model", "sample")
                .whereLayer("eval").mayOnlyAccessLayers("config", "store", "runtime", "data", "model", "sample")
                .whereLayer("bench").mayOnlyAccessLayers("config", "store", "runtime", "data", "model",
                        "train", "sample", "eval")
                .whereLayer("service").mayOnlyAccessLayers("config", "store", "runtime", "data", "model",
                        "train", "sample", "eval", "bench")
                .whereLayer("cli").mayOnlyAccessLayers("config", "store", "runtime", "data", "model",
                        "train", "sample", "eval", "bench", "service")
                .whereLayer("ui").mayOnlyAccessLayers("service", "config");
    }

    @Test
    void everyArrowPointsDown() {
        layers(ROOT).check(classes);
    }

    @Test
    void onlyTheUiKnowsJavaFx() {
        noClasses().that().resideOutsideOfPackage("org.lacuna.ui..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(classes);
    }

    @Test
    void theUiReachesTheRestThroughServiceAndConfigOnly() {
        noClasses().that().resideInAPackage("org.lacuna.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.lacuna.data..", "org.lacuna.model..",
                        "org.lacuna.train..", "org.lacuna.sample..", "org.lacuna.eval..", "org.lacuna.cli..",
                        "org.lacuna.store..", "org.lacuna.runtime..", "org.lacuna.bench..",
                        "org.nd4j..", "org.deeplearning4j..")
                .check(classes);
    }

    /** The rule itself, on the fixture classes of {@code org.lacuna.archfixture}: a sideways arrow fails it. */
    @Test
    void aSidewaysArrowFails() {
        String root = ArchitectureTest.class.getPackageName() + ".archfixture";
        JavaClasses fixture = new ClassFileImporter().importPackages(root);
        ArchRule rule = layers(root).withOptionalLayers(true);
        EvaluationResult result = rule.evaluate(fixture);
        assertTrue(result.hasViolation(), "sample -> eval is an arrow up");
        List<String> violations = result.getFailureReport().getDetails();
        assertTrue(violations.stream().anyMatch(v -> v.contains(root + ".sample.Sampler")
                && v.contains(root + ".eval.Scorer")), String.join("\n", violations));
        assertTrue(violations.stream().anyMatch(v -> v.contains(root + ".train.Batches")
                && v.contains(root + ".eval.Scorer")), "train -> eval is a sideways arrow: " + violations);
        Pattern trainer = Pattern.compile(Pattern.quote(root + ".train.Trainer") + "[.>$ ]");
        assertFalse(violations.stream().anyMatch(v -> trainer.matcher(v).find()),
                "train -> sample points down: " + violations);
        assertFalse(violations.stream().anyMatch(v -> v.contains(root + ".eval.Scorer")
                && v.contains(root + ".config.Settings")), "down is allowed");
    }
}
