package com.acme.platform.productservice.replica;

import com.acme.platform.productservice.replica.DatabaseHealth;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Read/write split: one {@link DataSource} for the application, a {@link LazyConnectionDataSourceProxy} that takes
 * its connection from the standby's pool in {@code readOnly} transactions and from the primary's otherwise. The two
 * pools are owned by {@link ConnectionPools} rather than being beans themselves, so nothing (health, Flyway) picks
 * the standby by accident and a standby outage does not mark the service unready.
 *
 * <p>Both pools serve requests only, so both carry request-sized timeouts: a client-side socket timeout (the only
 * timeout that fires when a server hangs) and, on the primary, a server-side {@code statement_timeout} a little
 * shorter, so a merely slow statement is cancelled cleanly before the socket timeout would tear the connection down.
 * Flyway gets its own connection ({@code spring.flyway.url}), without these limits: migrations may take long.
 *
 * <p>While {@link DatabaseHealth} has found the primary unreachable, the application's primary connections fail at
 * once ({@link DatabaseHealth.PrimaryUnavailableException}, answered 503 + {@code Retry-After}) instead of each request
 * waiting for its own timeout.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfig {

    @Bean(destroyMethod = "close")
    ConnectionPools connectionPools(DatabaseProperties db) {
        return new ConnectionPools(primary("primary", db, db.primaryPoolSize()), replica("replica", db, db.replicaPoolSize()),
                primary("primary-poll", db, 1), replica("replica-poll", db, 1));
    }

    private static HikariDataSource primary(String name, DatabaseProperties db, int size) {
        HikariConfig config = config(name, db.url(), db.primarySocketTimeout(), db, size, db.connectionTimeout());
        ((NetworkTimeoutDataSource) config.getDataSource())
                .setOptions("-c statement_timeout=" + db.primaryStatementTimeout().toMillis());
        // Start even while the primary is down or hung: DatabaseHealth reports it, reads use the standby meanwhile.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    private static HikariDataSource replica(String name, DatabaseProperties db, int size) {
        HikariConfig config = config(name, db.replicaUrl(), db.replicaSocketTimeout(), db, size,
                db.replicaConnectionTimeout());
        // Start even while the standby is down: reads fall back to the primary until it is back.
        config.setInitializationFailTimeout(-1);
        config.setReadOnly(true);
        return new HikariDataSource(config);
    }

    @Bean
    @Primary
    DataSource dataSource(ConnectionPools pools, DatabaseHealth health) {
        LazyConnectionDataSourceProxy proxy = new LazyConnectionDataSourceProxy(new DelegatingDataSource(pools.primary()) {
            @Override
            public Connection getConnection() throws SQLException {
                health.requirePrimary();
                return super.getConnection();
            }
        });
        proxy.setReadOnlyDataSource(pools.replica());
        return proxy;
    }

    private static HikariConfig config(String name, String url, Duration socketTimeout, DatabaseProperties db, int size,
                                       Duration connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(new NetworkTimeoutDataSource(url, socketTimeout));
        config.setUsername(db.username());
        config.setPassword(db.password());
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        long validationMillis = Math.min(1000, connectionTimeout.toMillis());
        config.setValidationTimeout(validationMillis);
        // A test query, not JDBC4 isValid(): Hikari passes isValid() whole seconds (at least 1 s), while a test query
        // runs under the validation timeout in milliseconds. Checking out an idle connection to a hung server then
        // costs the validation timeout, not a second.
        config.setConnectionTestQuery("SELECT 1");
        return config;
    }
}
