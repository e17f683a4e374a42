/**
 * Completeness of capture: which events of the state store's log may still appear and which never will, decided
 * from what each listener instance reports about itself (pure functions, no I/O).
 */
package io.strait.common.capture;
