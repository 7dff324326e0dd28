package com.acme.platform.gateway.requestid;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.slf4j.MDC;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.core.scheduler.Schedulers;

import java.util.Set;

/**
 * The request id and the current observation (so the trace id) as thread locals (the MDC) wherever the gateway's
 * work on a request runs, without Reactor's automatic context propagation. That mode restores every registered
 * thread local (observation scope, MDC, Spring Security's holders, the exchange) around every operator of every
 * request: it was the largest single cost per proxied request in the gateway's profile. Instead, with
 * {@code spring.reactor.context-propagation=limited}, the two values are set:
 * <ul>
 *   <li>while a part of the filter chain is subscribed ({@link #around}): {@link RequestIdWebFilter} for the whole
 *       chain on the thread that received the request, the rate limiter again on the Redis client's thread where
 *       the rest of the chain continues;</li>
 *   <li>on Reactor scheduler threads, for tasks scheduled while they were set (a {@code Mono.delay}, a
 *       {@code publishOn}, the Retry filter's backoff): a schedule hook captures them with the task and restores
 *       them around it;</li>
 *   <li>explicitly ({@link RequestIdWebFilter#putInMdc}) for lines written when the response commits or in the
 *       error handler.</li>
 * </ul>
 */
public final class RequestThreadLocals {

    /** MDC key of the request id, as in the services' log pattern ({@code logging.pattern.correlation}). */
    public static final String MDC_KEY = "requestId";

    private static final String[] KEYS = {MDC_KEY, ObservationThreadLocalAccessor.KEY};
    private static final Set<Object> KEY_SET = Set.of((Object[]) KEYS);
    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder()
            .captureKeyPredicate(KEY_SET::contains).build();

    static {
        // The request id travels in the Reactor context under MDC_KEY; this accessor is how Micrometer's
        // context-propagation library moves it into and out of the MDC.
        ContextRegistry.getInstance().registerThreadLocalAccessor(MDC_KEY, () -> MDC.get(MDC_KEY),
                value -> MDC.put(MDC_KEY, value), () -> MDC.remove(MDC_KEY));
        // Replaces any hook of the same name, so several application contexts in one JVM (tests) share one.
        Schedulers.onScheduleHook(RequestThreadLocals.class.getName(), task -> SNAPSHOTS.captureAll().wrap(task));
    }

    private RequestThreadLocals() {
    }

    /** Loads the class: registers the accessor and the schedule hook. */
    static void install() {
    }

    /**
     * {@code source}, subscribed with the request id and observation of the subscriber's Reactor context set as
     * thread locals; everything the subscription runs synchronously (the next filters' set-up, scheduling a task)
     * sees them, then they are restored to what they were.
     */
    public static <T> Mono<T> around(Mono<T> source) {
        return new MonoOperator<T, T>(source) {
            @Override
            public void subscribe(CoreSubscriber<? super T> actual) {
                try (ContextSnapshot.Scope ignored = SNAPSHOTS.setThreadLocalsFrom(actual.currentContext(), KEYS)) {
                    source.subscribe(actual);
                }
            }
        };
    }
}
