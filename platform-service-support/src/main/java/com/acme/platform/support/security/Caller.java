package com.acme.platform.support.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The verified caller of the current request, as the services' own code needs it: its subject (a customer's id for a
 * customer's token, the client id for a machine client) and what it may do. Read from the token Spring Security
 * checked, never from a header.
 */
public record Caller(String subject, Set<String> authorities) {

    public static final String ADMIN = "ROLE_ADMIN";
    public static final String CUSTOMER = "ROLE_CUSTOMER";
    public static final String CLIENT = "ROLE_CLIENT";
    /** A machine client that may place and read orders for any customer (docs/security.md). */
    public static final String ANY_CUSTOMER = "SCOPE_orders:any-customer";

    /** The authenticated caller of this request; fails if there is none (the endpoint should not be public then). */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new IllegalStateException("No authenticated caller: this endpoint must require a token");
        }
        return new Caller(authentication.getName(), authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).collect(Collectors.toUnmodifiableSet()));
    }

    public boolean isAdmin() {
        return authorities.contains(ADMIN);
    }

    /**
     * May this caller see or act on any customer's data? Admins may, and machine clients granted
     * {@code orders:any-customer}. Everyone else (a customer, a client without the scope) only on its own subject.
     */
    public boolean actsForAnyCustomer() {
        return isAdmin() || (authorities.contains(CLIENT) && authorities.contains(ANY_CUSTOMER));
    }

    /** May this caller see or act on the data of {@code customerId}? */
    public boolean mayActFor(String customerId) {
        return actsForAnyCustomer() || subject.equals(customerId);
    }
}
