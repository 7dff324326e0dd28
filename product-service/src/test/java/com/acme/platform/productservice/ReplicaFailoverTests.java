package com.acme.platform.productservice;

import com.acme.platform.devstack.Devstack;
import com.acme.platform.devstack.DevstackExtension;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A standby outage never reaches the client; reads go back to the standby after it returns. */
class ReplicaFailoverTests extends TwoInstanceScenario {

    final Devstack devstack = DevstackExtension.shared();

    @Test
    void readsKeepAnsweringFromThePrimaryWhileTheStandbyIsDownAndReturnToItAfterwards() throws Exception {
        String id = create("Failover").get("id").asString();
        devstack.stopStandby();
        try {
            double primaryBefore = instances.counter(1, "db.reads", "target", "primary");
            for (int i = 0; i < 10; i++) {
                assertThat(get(1, "/api/products?limit=5").statusCode()).isEqualTo(200);
            }
            assertThat(get(1, "/api/products/" + id).statusCode()).isEqualTo(200);
            assertThat(get(1, "/api/products/" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);
            assertThat(instances.counter(1, "db.reads", "target", "primary")).isGreaterThanOrEqualTo(primaryBefore + 10);
        } finally {
            devstack.startStandby();
        }
        double replicaAfterRestart = instances.counter(1, "db.reads", "target", "replica");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(get(1, "/api/products?limit=5").statusCode()).isEqualTo(200);
            assertThat(instances.counter(1, "db.reads", "target", "replica")).isGreaterThan(replicaAfterRestart);
        });
    }
}
