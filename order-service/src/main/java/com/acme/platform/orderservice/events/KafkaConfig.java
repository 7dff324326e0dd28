package com.acme.platform.orderservice.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

import java.nio.charset.StandardCharsets;

/**
 * Retries with exponential back-off, then {@code order-status-dlt} (same partition, Spring Kafka's default), with
 * the failing group and the attempt count in headers next to Spring's exception headers.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    static final String REPLAY_FOR_GROUP_HEADER = "x-replay-for-group";
    static final String FAILED_GROUP_HEADER = "x-failed-group";
    static final String ATTEMPTS_HEADER = "x-attempts";

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, String> template,
                                          @Value("${orders.status-consumer.max-attempts}") int maxAttempts) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (ConsumerRecord<?, ?> record, Exception e) -> new TopicPartition(record.topic() + "-dlt", record.partition()));
        recoverer.setHeadersFunction((record, e) -> {
            boolean permanent = e.getCause() instanceof InvalidEventException || e instanceof InvalidEventException;
            RecordHeaders headers = new RecordHeaders();
            headers.add(new RecordHeader(FAILED_GROUP_HEADER, OrderStatusListener.GROUP.getBytes(StandardCharsets.UTF_8)));
            headers.add(new RecordHeader(ATTEMPTS_HEADER,
                    String.valueOf(permanent ? 1 : maxAttempts).getBytes(StandardCharsets.UTF_8)));
            return headers;
        });
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(maxAttempts - 1);
        backOff.setInitialInterval(200);
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(2000);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(InvalidEventException.class);
        return handler;
    }
}
