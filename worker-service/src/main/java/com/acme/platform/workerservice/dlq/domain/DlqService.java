package com.acme.platform.workerservice.dlq.domain;

import com.acme.platform.events.ConsumerGroups;
import com.acme.platform.events.EventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The DLQ's use cases: record, list, replay, discard.
 * <p>
 * A replay republishes a dead letter to its source topic, addressed to the group that failed it (header
 * {@code x-replay-for-group}; the other groups skip it through platform-events' {@code ReplayForGroupFilter}, and
 * their idempotency would protect them anyway). The entry is removed by that group once it processes the replay
 * ({@link #replaySucceeded}); entries of groups outside this service (order-service) are removed once republished,
 * as this service cannot see their outcome.
 */
@Service
public class DlqService {

    /** Groups in this service, which remove a DLQ entry themselves once its replay succeeded. */
    private static final List<String> LOCAL_GROUPS =
            List.of(ConsumerGroups.FULFILLMENT, ConsumerGroups.NOTIFICATIONS, ConsumerGroups.ANALYTICS);

    private final DlqRepository dlq;
    private final KafkaTemplate<String, String> kafka;

    DlqService(DlqRepository dlq, KafkaTemplate<String, String> kafka) {
        this.dlq = dlq;
        this.kafka = kafka;
    }

    /**
     * Stores a dead letter once; a replay that failed again updates its entry instead of adding one.
     *
     * @return false when the dead letter was a failed replay (its entry was updated)
     */
    public boolean record(DlqEntry entry, ConsumerRecord<?, ?> deadLetter) {
        var replayed = EventHeaders.replayedEntry(deadLetter);
        if (replayed.isPresent() && dlq.failedAgain(replayed.get(), entry.error(), entry.attempts(), entry.failedAt())) {
            return false;
        }
        dlq.record(entry);
        return true;
    }

    public List<DlqEntry> list(String group, int limit) {
        return dlq.list(group, limit);
    }

    public void replay(UUID id) {
        replay(dlq.find(id).orElseThrow(() -> new DlqNotFoundException(id)));
    }

    public int replayGroup(String group) {
        int replayed = 0;
        for (DlqEntry entry : dlq.list(group, 1000)) {
            replay(entry);
            replayed++;
        }
        return replayed;
    }

    public void discard(UUID id) {
        if (!dlq.delete(id)) {
            throw new DlqNotFoundException(id);
        }
    }

    /** A group of this service processed {@code record}: if it was a replay, its entry is done. */
    public void replaySucceeded(ConsumerRecord<?, ?> record) {
        EventHeaders.replayedEntry(record).ifPresent(dlq::delete);
    }

    private void replay(DlqEntry entry) {
        ProducerRecord<String, String> record = new ProducerRecord<>(entry.topic(), entry.key(), entry.payload());
        record.headers().add(EventHeaders.REPLAY_FOR_GROUP, entry.group().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.DLQ_ENTRY_ID, entry.id().toString().getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(record).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not republish dead letter " + entry.id() + ": " + e.getMessage(), e);
        }
        if (LOCAL_GROUPS.contains(entry.group())) {
            dlq.markReplayed(entry.id());
        } else {
            dlq.delete(entry.id());
        }
    }
}
