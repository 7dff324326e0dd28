package com.acme.platform.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.adapter.RecordFilterStrategy;
import org.springframework.kafka.support.KafkaUtils;

/**
 * A replay from the DLQ is addressed to the one group that failed the record (header {@code x-replay-for-group});
 * every other group on the topic skips it. Put on a listener with
 * {@code @KafkaListener(..., filter = ReplayForGroupFilter.BEAN)}. Not for dead-letter listeners: a replay that
 * fails again reaches {@code <topic>-dlt} still carrying the header, and must be recorded there.
 */
public class ReplayForGroupFilter implements RecordFilterStrategy<Object, Object> {

    public static final String BEAN = "replayForGroupFilter";

    /** True (discard) when the record is a replay addressed to another group than the listening one. */
    @Override
    public boolean filter(ConsumerRecord<Object, Object> record) {
        // The listener container keeps its group id on the consumer thread, where filters and listeners run.
        String group = KafkaUtils.getConsumerGroupId();
        return group != null && !isFor(record, group);
    }

    /** False when the record is a replay addressed to another group. */
    public static boolean isFor(ConsumerRecord<?, ?> record, String group) {
        return EventHeaders.text(record, EventHeaders.REPLAY_FOR_GROUP).map(group::equals).orElse(true);
    }
}
