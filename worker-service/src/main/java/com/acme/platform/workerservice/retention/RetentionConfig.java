package com.acme.platform.workerservice.retention;

import com.acme.platform.support.retention.RetentionJob;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/** Deletes processed event ids past their window (see {@link RetentionJob} for how). */
@Configuration(proxyBeanMethods = false)
class RetentionConfig {

    @Bean
    RetentionJob workerRetentionJob(JdbcClient jdbc, MeterRegistry meters, RetentionProperties retention) {
        return new RetentionJob(jdbc, meters, retention.batchSize(), retention.maxBatchesPerRun(), retention.interval(),
                List.of(new RetentionJob.Table("processed_event", "processed_at", retention.processedEvents())));
    }
}
