package com.acme.platform.workerservice.retention;

import com.acme.platform.support.retention.RetentionJob;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.util.List;

/** Deletes processed event ids past their window (see {@link RetentionJob} for how). */
@Configuration(proxyBeanMethods = false)
class RetentionConfig {

    @Bean
    RetentionJob workerRetentionJob(DataSource dataSource, MeterRegistry meters, RetentionProperties retention) {
        return new RetentionJob(dataSource, meters, retention.batchSize(), retention.maxBatchesPerRun(), retention.interval(),
                List.of(new RetentionJob.Table("processed_event", "processed_at", retention.processedEvents())));
    }
}
