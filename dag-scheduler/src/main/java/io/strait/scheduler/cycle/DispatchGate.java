package io.strait.scheduler.cycle;

/**
 * Whether a link's cycle may start jobs now. Operators pause a link ({@code strait pause}): its cycle keeps planning
 * events into jobs but starts none until it is resumed. Read before every dispatch; a gate that cannot answer
 * throws, and the cycle starts nothing (the next cycle asks again).
 */
@FunctionalInterface
public interface DispatchGate {
    /** Every link may always dispatch. */
    DispatchGate OPEN = link -> true;

    boolean allowsDispatch(String link);
}
