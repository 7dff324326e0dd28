package com.acme.platform.workerservice.dlq.domain;

import java.time.Instant;
import java.util.UUID;

/** A dead letter: the record that {@code group} failed, where it was, and why. */
public record DlqEntry(UUID id, String group, String topic, int partition, long offset, String key, String payload,
                       String error, int attempts, Instant failedAt) {
}
