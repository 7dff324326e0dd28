package com.acme.platform.productservice;

import com.acme.platform.devstack.Devstack;
import com.acme.platform.devstack.DevstackExtension;
import com.acme.platform.testsupport.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With the standby's replay delayed, a read carrying the write's token still sees the write, on every instance. */
class ReadYourWritesTests extends TwoInstanceScenario {

    final Devstack devstack = DevstackExtension.shared();

    @AfterEach
    void replayAtFullSpeed() {
        devstack.setStandbyReplayDelay(Duration.ZERO);
    }

    @Test
    void aReadWithTheWritesTokenSeesTheWriteWhileTheStandbyLagsBehind() throws Exception {
        JsonNode product = create("Before");
        String id = product.get("id").asString();
        for (int i = 1; i <= 2; i++) {
            assertThat(get(i, "/api/products/" + id).statusCode()).isEqualTo(200); // cached everywhere (L1 + Redis)
        }
        devstack.setStandbyReplayDelay(Duration.ofSeconds(20));

        HttpResponse<String> write = rename(1, product, "After");
        String token = write.headers().firstValue("X-Consistency-Token").orElseThrow();

        // The delay is active: the standby (the listing reads it, uncached) still has the old row.
        assertThat(fromListing(2, id).get("name").asString()).isEqualTo("Before");

        for (int i = 1; i <= 2; i++) {
            HttpResponse<String> single = get(i, "/api/products/" + id, "X-Consistency-Token", token);
            assertThat(single.statusCode()).isEqualTo(200);
            assertThat(Json.parse(single.body()).get("name").asString()).as("instance %d", i).isEqualTo("After");
            assertThat(fromListing(i, id, "X-Consistency-Token", token).get("name").asString()).as("listing on instance %d", i)
                    .isEqualTo("After");
        }
    }

    @Test
    void aMissRightAfterAWriteDoesNotCacheTheOldRowFromALaggingStandby() throws Exception {
        JsonNode product = create("Old");
        String id = product.get("id").asString();
        assertThat(get(2, "/api/products/" + id).statusCode()).isEqualTo(200);
        devstack.setStandbyReplayDelay(Duration.ofSeconds(20));
        double primaryReadsBefore = instances.counter(2, "db.reads", "target", "primary");

        rename(1, product, "New");

        // No token: the tombstone alone sends the loader to the primary while the standby has not replayed the write.
        HttpResponse<String> afterWrite = get(2, "/api/products/" + id);
        assertThat(Json.parse(afterWrite.body()).get("name").asString()).isEqualTo("New");
        assertThat(instances.counter(2, "db.reads", "target", "primary")).isGreaterThan(primaryReadsBefore);
        assertThat(fromListing(2, id).get("name").asString()).as("standby still lags").isEqualTo("Old");
        for (int i = 1; i <= 2; i++) {
            HttpResponse<String> cached = get(i, "/api/products/" + id);
            assertThat(Json.parse(cached.body()).get("name").asString()).isEqualTo("New");
            assertThat(cached.headers().firstValue("X-Cache")).hasValue("HIT");
        }
    }

    /**
     * L1 coherence. A write answers only once every instance has confirmed dropping the key from its L1, so instance
     * 2 never serves the old version afterwards: not with the write's token, and not without it either.
     */
    @Test
    void afterAWriteOnOneInstanceTheOtherNeverServesTheOldVersion() throws Exception {
        JsonNode product = create("L1 v1");
        String id = product.get("id").asString();
        for (int round = 2; round <= 6; round++) {
            get(2, "/api/products/" + id);
            assertThat(get(2, "/api/products/" + id).headers().firstValue("X-Cache"))
                    .as("round %d: instance 2 holds the current version", round).hasValue("HIT");

            HttpResponse<String> write = rename(1, product, "L1 v" + round);
            long written = version(write);
            String token = write.headers().firstValue("X-Consistency-Token").orElseThrow();
            for (int i = 0; i < 10; i++) {
                assertThat(version(get(2, "/api/products/" + id)))
                        .as("round %d read %d without the token", round, i).isGreaterThanOrEqualTo(written);
                assertThat(version(get(2, "/api/products/" + id, "X-Consistency-Token", token)))
                        .as("round %d read %d with the token", round, i).isGreaterThanOrEqualTo(written);
            }
        }
    }
}
