package com.acme.platform.workerservice.config;

import com.acme.platform.workerservice.events.EventHeaders;
import com.acme.platform.workerservice.events.InvalidEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.KafkaUtils;
import tools.jackson.core.JacksonException;

import java.nio.charset.StandardCharsets;

/**
 * Every listener's failures: blocking retries with exponential back-off (bounded, so one bad event holds its
 * partition for at most the retry window), then {@code <topic>-dlt} on the same partition. Invalid events skip the
 * retries. Each group has its own consumer, so a failure in one group never delays or repeats another's work.
 * Boot's listener container factory picks this {@link DefaultErrorHandler} bean up.
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorHandlingConfig {

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, String> template, WorkerProperties properties) {
        int maxAttempts = properties.retry().maxAttempts();
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (ConsumerRecord<?, ?> record, Exception e) -> new TopicPartition(record.topic() + "-dlt", record.partition()));
        recoverer.setHeadersFunction((record, e) -> {
            // The recoverer runs on the failing listener's consumer thread, where Spring Kafka keeps its group id.
            String group = KafkaUtils.getConsumerGroupId();
            RecordHeaders headers = new RecordHeaders();
            headers.add(new RecordHeader(EventHeaders.FAILED_GROUP,
                    (group == null ? "unknown" : group).getBytes(StandardCharsets.UTF_8)));
            headers.add(new RecordHeader(EventHeaders.ATTEMPTS,
                    String.valueOf(isPermanent(e) ? 1 : maxAttempts).getBytes(StandardCharsets.UTF_8)));
            headers.add(new RecordHeader(EventHeaders.ERROR, describe(e).getBytes(StandardCharsets.UTF_8)));
            return headers;
        });
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(maxAttempts - 1);
        backOff.setInitialInterval(properties.retry().initialInterval().toMillis());
        backOff.setMultiplier(properties.retry().multiplier());
        backOff.setMaxInterval(properties.retry().maxInterval().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(InvalidEventException.class, JacksonException.class);
        return handler;
    }

    /** The listener's own exception, not Spring's ListenerExecutionFailedException wrapper around it. */
    private static String describe(Throwable e) {
        Throwable cause = e instanceof ListenerExecutionFailedException && e.getCause() != null ? e.getCause() : e;
        String text = cause.getClass().getName() + ": " + cause.getMessage();
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    private static boolean isPermanent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidEventException || t instanceof JacksonException) {
                return true;
            }
        }
        return false;
    }
}
