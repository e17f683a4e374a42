package io.strait.common.alert;

/**
 * The human "why" of an SLA alert: one or two sentences saying what holds the object back (its jobs' states, the
 * last error, a paused link). Implementations read the state store; the alert carries the text as given.
 */
@FunctionalInterface
public interface WhyLate {
    String why(LateObject late);
}
