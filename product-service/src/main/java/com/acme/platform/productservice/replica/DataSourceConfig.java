package com.acme.platform.productservice.replica;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

import javax.sql.DataSource;

/**
 * Read/write split: one {@link DataSource} for the application, a {@link LazyConnectionDataSourceProxy} that takes
 * its connection from the standby's pool in {@code readOnly} transactions and from the primary's otherwise. The two
 * pools are owned by {@link ConnectionPools} rather than being beans themselves, so nothing (health, Flyway) picks
 * the standby by accident and a standby outage does not mark the service unready.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfig {

    @Bean(destroyMethod = "close")
    ConnectionPools connectionPools(DatabaseProperties db) {
        HikariDataSource primary = pool("primary", db.url(), db, db.primaryPoolSize(), db.connectionTimeout().toMillis());
        HikariConfig replicaConfig = config("replica", db.replicaUrl(), db, db.replicaPoolSize(),
                db.replicaConnectionTimeout().toMillis());
        // Start even while the standby is down: reads fall back to the primary until it is back.
        replicaConfig.setInitializationFailTimeout(-1);
        replicaConfig.setReadOnly(true);
        return new ConnectionPools(primary, new HikariDataSource(replicaConfig));
    }

    @Bean
    @Primary
    DataSource dataSource(ConnectionPools pools) {
        LazyConnectionDataSourceProxy proxy = new LazyConnectionDataSourceProxy(pools.primary());
        proxy.setReadOnlyDataSource(pools.replica());
        return proxy;
    }

    private static HikariDataSource pool(String name, String url, DatabaseProperties db, int size, long timeoutMillis) {
        return new HikariDataSource(config(name, url, db, size, timeoutMillis));
    }

    private static HikariConfig config(String name, String url, DatabaseProperties db, int size, long timeoutMillis) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(db.username());
        config.setPassword(db.password());
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(timeoutMillis);
        config.setValidationTimeout(Math.min(1000, timeoutMillis));
        return config;
    }
}
