package com.acme.platform.workerservice.dlq;

import com.acme.platform.workerservice.dlq.domain.DlqRepository;
import com.acme.platform.events.ConsumerGroups;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@code dlq_messages{group}}: dead letters waiting per group, counted from the DLQ table on a schedule. */
@Component
class DlqMetrics {

    private final DlqRepository dlq;
    private final MeterRegistry meters;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    DlqMetrics(DlqRepository dlq, MeterRegistry meters) {
        this.dlq = dlq;
        this.meters = meters;
        ConsumerGroups.FAILING.forEach(this::gauge);
    }

    @Scheduled(fixedDelayString = "${worker.metrics.dlq-refresh-millis}")
    void refresh() {
        Map<String, Long> current = dlq.countByGroup();
        current.keySet().forEach(this::gauge);
        counts.forEach((group, value) -> value.set(current.getOrDefault(group, 0L)));
    }

    private AtomicLong gauge(String group) {
        return counts.computeIfAbsent(group, g -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("dlq_messages", value, AtomicLong::get).tag("group", g)
                    .description("Dead letters waiting in the DLQ").register(meters);
            return value;
        });
    }
}
