package com.acme.platform.workerservice.dlq;

import com.acme.platform.workerservice.dlq.domain.DlqEntry;
import com.acme.platform.workerservice.dlq.domain.DlqNotFoundException;
import com.acme.platform.workerservice.dlq.domain.DlqRepository;
import com.acme.platform.events.ConsumerGroups;
import com.acme.platform.events.EventHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Republishes a dead letter to its source topic, addressed to the group that failed it (header
 * {@code x-replay-for-group}; the other groups skip it, and their idempotency would protect them anyway). The
 * entry is removed by that group once it processes the replay; entries of groups outside this service
 * (order-service) are removed once republished, as this service cannot see their outcome.
 */
@Service
public class DlqReplayer {

    /** Groups in this service, which remove a DLQ entry themselves once its replay succeeded. */
    private static final List<String> LOCAL_GROUPS =
            List.of(ConsumerGroups.FULFILLMENT, ConsumerGroups.NOTIFICATIONS, ConsumerGroups.ANALYTICS);

    private final DlqRepository dlq;
    private final KafkaTemplate<String, String> kafka;

    DlqReplayer(DlqRepository dlq, KafkaTemplate<String, String> kafka) {
        this.dlq = dlq;
        this.kafka = kafka;
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
