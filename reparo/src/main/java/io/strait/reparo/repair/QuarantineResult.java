package io.strait.reparo.repair;

import java.util.Objects;

/**
 * What happened to one folder a repair meant to quarantine.
 *
 * @param move the folder and the object it belonged to
 * @param moved true when the folder now lies in the quarantine
 * @param destination where it lies now (the quarantine folder, or its old place when not moved)
 * @param detail why it was not moved; empty when moved
 */
public record QuarantineResult(QuarantineMove move, boolean moved, String destination, String detail) {
    public QuarantineResult {
        Objects.requireNonNull(move, "move");
        Objects.requireNonNull(destination, "destination");
        detail = detail == null ? "" : detail;
    }

    static QuarantineResult moved(QuarantineMove move, String destination) {
        return new QuarantineResult(move, true, destination, "");
    }

    static QuarantineResult left(QuarantineMove move, String detail) {
        return new QuarantineResult(move, false, move.location(), detail);
    }
}
