package com.acme.platform.workerservice.dlq;

import com.acme.platform.workerservice.dlq.domain.DlqEntry;
import com.acme.platform.workerservice.dlq.domain.DlqRepository;
import com.acme.platform.events.ConsumerGroups;
import com.acme.platform.events.EventHeaders;
import com.acme.platform.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;

/**
 * Group {@code dlq-recorder}: stores every dead letter of {@code orders-dlt} and {@code order-status-dlt} for the DLQ
 * API, with the source position, failing group, exception and attempts that the dead-letter publisher put into
 * the headers. A replay that fails again updates its entry instead of adding one.
 */
@Component
class DlqRecorder {

    private static final Logger log = LoggerFactory.getLogger(DlqRecorder.class);

    private final DlqRepository dlq;

    DlqRecorder(DlqRepository dlq) {
        this.dlq = dlq;
    }

    @KafkaListener(id = "dlq-recorder", groupId = ConsumerGroups.DLQ_RECORDER,
            topics = {"${worker.topics.orders:orders}-dlt", Topics.ORDER_STATUS + "-dlt"})
    void onDeadLetter(ConsumerRecord<String, String> record) {
        String group = EventHeaders.text(record, EventHeaders.FAILED_GROUP)
                .or(() -> EventHeaders.text(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP))
                .orElse("unknown");
        int attempts = EventHeaders.text(record, EventHeaders.ATTEMPTS).map(Integer::parseInt).orElse(1);
        String error = EventHeaders.text(record, EventHeaders.ERROR).orElseGet(() ->
                EventHeaders.text(record, KafkaHeaders.DLT_EXCEPTION_FQCN).orElse("unknown") + ": "
                        + EventHeaders.text(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE).orElse(""));
        // Now, not the record's timestamp: a DLT record keeps the original's, the time the event was first sent.
        Instant failedAt = Instant.now();
        var replayed = EventHeaders.replayedEntry(record);
        if (replayed.isPresent() && dlq.failedAgain(replayed.get(), error, attempts, failedAt)) {
            log.warn("replay of dead letter {} failed again in group {}", replayed.get(), group);
            return;
        }
        String topic = EventHeaders.text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC)
                .orElse(record.topic().replaceFirst("-dlt$", ""));
        int partition = intHeader(record, KafkaHeaders.DLT_ORIGINAL_PARTITION, record.partition());
        long offset = longHeader(record, KafkaHeaders.DLT_ORIGINAL_OFFSET, record.offset());
        dlq.record(new DlqEntry(UUID.randomUUID(), group, topic, partition, offset, record.key(), record.value(),
                error, attempts, failedAt));
        log.warn("dead letter from group {} at {}-{}@{}: {}", group, topic, partition, offset, error);
    }

    private static int intHeader(ConsumerRecord<?, ?> record, String name, int fallback) {
        Header header = record.headers().lastHeader(name);
        return header != null && header.value().length == 4 ? ByteBuffer.wrap(header.value()).getInt() : fallback;
    }

    private static long longHeader(ConsumerRecord<?, ?> record, String name, long fallback) {
        Header header = record.headers().lastHeader(name);
        return header != null && header.value().length == 8 ? ByteBuffer.wrap(header.value()).getLong() : fallback;
    }
}
