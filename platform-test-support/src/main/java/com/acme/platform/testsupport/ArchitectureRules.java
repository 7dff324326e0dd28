package com.acme.platform.testsupport;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The platform's structure, as rules every service checks in its {@code ArchitectureTests}
 * ({@code @ArchTest static final ArchTests rules = ArchTests.in(ArchitectureRules.class)}); docs/architecture.md says
 * why. A service's packages are {@code <root>.<feature>.<layer>}: {@code domain} (use cases, repositories, values),
 * {@code web} (controllers), {@code messaging} (Kafka listeners); {@code clients} and {@code config} are features too.
 * Names are matched, not imported, so this module needs none of the services' libraries.
 */
public final class ArchitectureRules {

    private static final String FEATURE = "com.acme.platform.(*).(*)..";

    /** Features may use each other one way only, so each can be read (and removed) without the others. */
    @ArchTest
    public static final ArchRule FEATURES_ARE_FREE_OF_CYCLES = slices().matching(FEATURE).namingSlices("$1.$2")
            .should().beFreeOfCycles();

    /** Controllers and listeners are adapters: they call the feature's domain service, never a repository. */
    @ArchTest
    public static final ArchRule ADAPTERS_GO_THROUGH_DOMAIN_SERVICES = noClasses()
            .that().resideInAnyPackage("..web..", "..messaging..")
            .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
            .allowEmptyShould(true);

    /** The domain knows no adapter: HTTP and Kafka stay at the edges. */
    @ArchTest
    public static final ArchRule DOMAIN_KNOWS_NO_ADAPTER = noClasses()
            .that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("..web..", "..messaging..")
            .allowEmptyShould(true);

    /** One name for persistence: a class that owns a table or a Redis structure is a {@code *Repository}. */
    @ArchTest
    public static final ArchRule PERSISTENCE_CLASSES_ARE_REPOSITORIES = classes()
            .that().areAnnotatedWith("org.springframework.stereotype.Repository")
            .should().haveSimpleNameEndingWith("Repository")
            .allowEmptyShould(true);

    /** ... and only a repository talks SQL or Redis commands. */
    @ArchTest
    public static final ArchRule ONLY_REPOSITORIES_QUERY_STORES = noClasses()
            .that().haveSimpleNameNotEndingWith("Repository")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc.core..",
                    "org.springframework.data.redis.core..")
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule CONTROLLERS_LIVE_IN_WEB = classes()
            .that().areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
            .or().areAnnotatedWith("org.springframework.web.bind.annotation.RestControllerAdvice")
            .should().resideInAPackage("..web..")
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule LISTENERS_LIVE_IN_MESSAGING = methods()
            .that().areAnnotatedWith("org.springframework.kafka.annotation.KafkaListener")
            .should().beDeclaredInClassesThat().resideInAPackage("..messaging..")
            .allowEmptyShould(true);

    private ArchitectureRules() {
    }
}
