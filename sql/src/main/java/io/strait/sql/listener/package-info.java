/**
 * Listener instances in the state store: their health (heartbeat, spool depth, latest sequence number) and the
 * events that will never arrive ({@code listener_instance}, {@code listener_event_loss}, migration V11).
 */
package io.strait.sql.listener;
