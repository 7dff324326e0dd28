package com.acme.platform.gateway;

import com.acme.platform.testsupport.ArchitectureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The platform's package rules that apply to the gateway: its features (routing, security, ratelimit,
 * loadbalancing, ...) use each other one way only. It has no domain, repositories or listeners.
 */
@AnalyzeClasses(packages = "com.acme.platform.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = ArchitectureRules.FEATURES_ARE_FREE_OF_CYCLES;
}
