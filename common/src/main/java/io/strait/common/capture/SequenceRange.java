package io.strait.common.capture;

/** Sequence numbers {@code first..last} of one listener instance, both included. */
public record SequenceRange(long first, long last) {
    public SequenceRange {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("not a sequence range: " + first + ".." + last);
        }
    }

    public long count() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first == last ? Long.toString(first) : first + ".." + last;
    }
}
