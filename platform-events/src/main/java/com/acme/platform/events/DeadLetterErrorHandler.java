package com.acme.platform.events;

import com.acme.platform.support.http.DownstreamUnavailableException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.core.JacksonException;

import java.nio.charset.StandardCharsets;

/**
 * Every listener's failures: blocking retries with exponential back-off (bounded, so one bad event holds its
 * partition for at most the retry window), then {@code <topic>-dlt} on the same partition (the DLT has at least as
 * many partitions as its source), with the failing group, the attempt count and the error in headers next to
 * Spring Kafka's {@code kafka_dlt-*} headers. Invalid events skip the retries.
 *
 * <p>A record that failed only because another service is unavailable ({@link DownstreamUnavailableException}: its
 * retries are spent or its breaker is open) is not a bad record, and dead-lettering it would leave a valid order
 * waiting for someone to replay it. It is retried with the same back-off, capped at {@code dependency-down-interval},
 * for as long as the dependency stays down: its partition waits (order per key holds) and continues by itself once
 * the dependency answers; consumer lag shows the wait. Each group has its own consumer, so
 * a failure in one group never delays or repeats another's work. Spring Boot's listener container factory picks
 * this handler up as the {@code CommonErrorHandler} bean.
 */
public class DeadLetterErrorHandler extends DefaultErrorHandler {

    private static final int MAX_ERROR_LENGTH = 2000;

    public DeadLetterErrorHandler(KafkaOperations<?, ?> template, EventsProperties.Retry retry) {
        super(recoverer(template, retry.maxAttempts()), backOff(retry));
        addNotRetryableExceptions(InvalidEventException.class, JacksonException.class);
        setBackOffFunction((record, e) -> isDependencyDown(e) ? untilAvailable(retry) : null);
    }

    private static DeadLetterPublishingRecoverer recoverer(KafkaOperations<?, ?> template, int maxAttempts) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (ConsumerRecord<?, ?> record, Exception e) ->
                        new TopicPartition(Topics.deadLetters(record.topic()), record.partition()));
        recoverer.setHeadersFunction((record, e) -> {
            // The recoverer runs on the failing listener's consumer thread, where Spring Kafka keeps its group id.
            String group = KafkaUtils.getConsumerGroupId();
            RecordHeaders headers = new RecordHeaders();
            headers.add(header(EventHeaders.FAILED_GROUP, group == null ? "unknown" : group));
            headers.add(header(EventHeaders.ATTEMPTS, String.valueOf(isPermanent(e) ? 1 : maxAttempts)));
            headers.add(header(EventHeaders.ERROR, describe(e)));
            return headers;
        });
        return recoverer;
    }

    private static ExponentialBackOffWithMaxRetries backOff(EventsProperties.Retry retry) {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.maxAttempts() - 1);
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        return backOff;
    }

    /** No limit on attempts or elapsed time: the record waits for its dependency, it is not given up on. */
    private static BackOff untilAvailable(EventsProperties.Retry retry) {
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.dependencyDownInterval().toMillis());
        return backOff;
    }

    private static boolean isDependencyDown(Throwable e) {
        return causedBy(e, DownstreamUnavailableException.class);
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The listener's own exception, not Spring's ListenerExecutionFailedException wrapper around it, nor the
     * BatchListenerFailedException a batch listener names its failed record with (see {@link OrderedBatch}).
     */
    private static String describe(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof ListenerExecutionFailedException || cause instanceof BatchListenerFailedException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String text = cause.getClass().getName() + ": " + cause.getMessage();
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    private static boolean isPermanent(Throwable e) {
        return causedBy(e, InvalidEventException.class, JacksonException.class);
    }

    private static boolean causedBy(Throwable e, Class<?>... types) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (Class<?> type : types) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }
}
