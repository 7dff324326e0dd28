package com.acme.platform.productservice.replica;

import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * pgjdbc's data source, handing out connections whose socket reads give up after {@code networkTimeout}.
 *
 * <p>A hung server (frozen process, network partition) keeps the connection open and never answers: no server-side
 * timeout fires and the read blocks until the client gives up. pgjdbc's {@code socketTimeout} counts in whole seconds;
 * {@link Connection#setNetworkTimeout} takes milliseconds. Hikari reads this value from the first connection as the
 * pool's default and restores it after each validation, so every pooled connection keeps it.
 */
final class NetworkTimeoutDataSource extends PGSimpleDataSource {

    private final int networkTimeoutMillis;

    NetworkTimeoutDataSource(String url, Duration networkTimeout) {
        setUrl(url);
        this.networkTimeoutMillis = Math.toIntExact(networkTimeout.toMillis());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        Connection connection = super.getConnection(user, password);
        connection.setNetworkTimeout(Runnable::run, networkTimeoutMillis); // pgjdbc applies it to the socket at once
        return connection;
    }
}
