package com.acme.platform.orderservice.retention;

import com.acme.platform.support.retention.RetentionJob;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.util.List;

/** Deletes sent outbox rows and idempotency keys past their window (see {@link RetentionJob} for how). */
@Configuration(proxyBeanMethods = false)
class RetentionConfig {

    @Bean
    RetentionJob orderRetentionJob(DataSource dataSource, MeterRegistry meters, RetentionProperties retention) {
        return new RetentionJob(dataSource, meters, retention.batchSize(), retention.maxBatchesPerRun(), retention.interval(), List.of(
                // sent_at is NULL until the relay published the row: an unsent row never matches, however old.
                new RetentionJob.Table("outbox", "sent_at", retention.sentOutbox()),
                new RetentionJob.Table("idempotency_key", "created_at", retention.idempotencyKeys())));
    }
}
