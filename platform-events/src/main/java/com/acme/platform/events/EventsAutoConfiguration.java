package com.acme.platform.events;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import tools.jackson.databind.json.JsonMapper;

/** The event contract's beans in every service that depends on this module. */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(EventsProperties.class)
public class EventsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(DefaultErrorHandler.class)
    DeadLetterErrorHandler kafkaErrorHandler(KafkaTemplate<?, ?> template, EventsProperties properties) {
        return new DeadLetterErrorHandler(template, properties.retry());
    }

    @Bean(ReplayForGroupFilter.BEAN)
    ReplayForGroupFilter replayForGroupFilter() {
        return new ReplayForGroupFilter();
    }

    @Bean
    @ConditionalOnMissingBean
    EventReader eventReader(JsonMapper json) {
        return new EventReader(json);
    }
}
