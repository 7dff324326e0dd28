package com.acme.platform.workerservice.dlq.domain;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A dead letter: the record that {@code group} failed, where it was, and why. */
@Schema(description = "A record a consumer group gave up on, with where it was and why")
public record DlqEntry(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID id,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the consumer group that failed it", example = "notifications") String group,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the topic the record came from", example = "orders") String topic,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int partition,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long offset,
                       @Schema(types = {"string", "null"}, description = "the record's key; null if it had none") String key,
                       @Schema(types = {"string", "null"}, description = "the record's value as text; null if it had none") String payload,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the last exception") String error,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "deliveries tried before giving up", example = "3") int attempts,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant failedAt) {
}
