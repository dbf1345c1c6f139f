package org.lacuna;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ARCHITECTURE.md's arrows: data flows pixels -> data -> model -> train/sample/eval -> service -> ui. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lacuna");
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
                        "org.nd4j..", "org.deeplearning4j..")
                .check(classes);
    }

    @Test
    void lowerLayersDoNotReachUp() {
        noClasses().that().resideInAnyPackage("org.lacuna.config..", "org.lacuna.data..")
                .should().dependOnClassesThat().resideInAnyPackage("org.lacuna.model..", "org.lacuna.train..",
                        "org.lacuna.sample..", "org.lacuna.eval..", "org.lacuna.service..", "org.lacuna.cli..",
                        "org.lacuna.ui..")
                .check(classes);
        noClasses().that().resideInAPackage("org.lacuna.model..")
                .should().dependOnClassesThat().resideInAnyPackage("org.lacuna.train..", "org.lacuna.sample..",
                        "org.lacuna.eval..", "org.lacuna.service..", "org.lacuna.cli..", "org.lacuna.ui..")
                .check(classes);
        noClasses().that().resideInAnyPackage("org.lacuna.train..", "org.lacuna.sample..", "org.lacuna.eval..")
                .should().dependOnClassesThat().resideInAnyPackage("org.lacuna.service..", "org.lacuna.cli..",
                        "org.lacuna.ui..")
                .check(classes);
        noClasses().that().resideInAPackage("org.lacuna.service..")
                .should().dependOnClassesThat().resideInAnyPackage("org.lacuna.cli..", "org.lacuna.ui..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
