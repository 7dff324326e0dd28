package com.acme.platform.workerservice.faults;

import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The failure-injection rule for demos and tests: the notifications group fails (retryably) for every order whose
 * customer id starts with a prefix. Off by default; switched at runtime, per worker-service instance.
 */
@Component
public class FaultRules {

    private final AtomicReference<String> failCustomerPrefix = new AtomicReference<>();

    public Optional<String> failCustomerPrefix() {
        return Optional.ofNullable(failCustomerPrefix.get());
    }

    public void setFailCustomerPrefix(String prefix) {
        failCustomerPrefix.set(prefix);
    }

    public void checkNotification(String customerId) {
        String prefix = failCustomerPrefix.get();
        if (prefix != null && customerId.startsWith(prefix)) {
            throw new InjectedFailureException("injected failure: notifications fail for customer ids starting with '"
                    + prefix + "' (PUT /api/admin/faults {} switches it off)");
        }
    }
}
