package com.acme.platform.deployment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@link LocalRun} reads the variables local.sh exports: every form of `export` a shell script uses. */
class LocalRunTests {

    private static final String TABLE = """
            PRODUCT_1_PORT=$(port 8081)
            SERVICES=(
              "product-service-1|$PRODUCT_1_PORT|product-service|products|/actuator/health/readiness"
            )
            """;

    @Test
    void readsExportsAtTheStartOfALineAndAfterThenDoElseAndSemicolons() {
        LocalRun local = LocalRun.parse(TABLE + """
                export GATEWAY_PORT=${GATEWAY_PORT:-$(port 8080)}
                    export SERVER_PORT=$port INSTANCE_NAME=$name
                if [ "$module" = product-service ]; then export PRODUCT_FLYWAY_LOCATIONS=classpath:db/demo; fi
                for x in a; do export LOOP_VARIABLE=1; done
                if false; then :; else export ELSE_VARIABLE=1; fi
                cd /tmp && export AFTER_AND=1; export AFTER_SEMICOLON=1
                """);

        assertThat(local.exportedNames()).contains("GATEWAY_PORT", "SERVER_PORT", "INSTANCE_NAME",
                "PRODUCT_FLYWAY_LOCATIONS", "LOOP_VARIABLE", "ELSE_VARIABLE", "AFTER_AND", "AFTER_SEMICOLON");
    }

    @Test
    void ignoresCommentsAndWordsThatOnlyContainExport() {
        LocalRun local = LocalRun.parse(TABLE + """
                # export COMMENTED=1
                reexport NOT_AN_EXPORT=1
                echo "we export nothing here"
                """);

        assertThat(local.exportedNames()).doesNotContain("COMMENTED", "NOT_AN_EXPORT");
    }

    @Test
    void theRealScriptExportsTheDemoCatalogLocation() {
        LocalRun local = LocalRun.parse(RepositoryFiles.read(RepositoryFiles.root().resolve("local.sh")));

        assertThat(local.exportedNames()).contains("PRODUCT_FLYWAY_LOCATIONS", "DB_URL", "DB_REPLICA_URL", "SERVER_PORT");
    }
}
