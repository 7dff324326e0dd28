package com.acme.platform.support;

import ch.qos.logback.classic.Level;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's libraries log through Commons Logging, often as {@code logger.debug(LogMessage.format(...))}: a message
 * that is only turned into text by {@code toString()}. That must not happen for a level that is off, or every request
 * pays for formatting Spring Security's debug lines (META-INF/services/org.apache.commons.logging.LogFactory).
 */
class LoggingCostTests {

    @Test
    void aDisabledLevelNeverFormatsTheMessage() {
        String name = "com.acme.platform.support.LoggingCostTests";
        // As in the running services (INFO); Logback without a configuration would log everything.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(name)).setLevel(Level.INFO);
        Log log = LogFactory.getLog(name);
        AtomicInteger formatted = new AtomicInteger();
        Object message = new Object() {
            @Override
            public String toString() {
                formatted.incrementAndGet();
                return "formatted";
            }
        };

        assertThat(log.isDebugEnabled()).isFalse();
        log.debug(message);
        log.trace(message);
        assertThat(formatted).hasValue(0);

        log.info(message);
        assertThat(formatted).hasValue(1);
    }
}
