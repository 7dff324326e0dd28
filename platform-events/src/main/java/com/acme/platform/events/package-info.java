/**
 * The platform's Kafka event contract, shared by every producer and consumer: {@link com.acme.platform.events.Topics},
 * {@link com.acme.platform.events.ConsumerGroups} and {@link com.acme.platform.events.EventHeaders} name what
 * docs and operators rely on; {@link com.acme.platform.events.OrderPlacedEvent} and
 * {@link com.acme.platform.events.OrderStatusEvent} are the payloads; {@link com.acme.platform.events.DeadLetterErrorHandler}
 * and {@link com.acme.platform.events.ReplayForGroupFilter} are how every listener fails and replays.
 */
package com.acme.platform.events;
