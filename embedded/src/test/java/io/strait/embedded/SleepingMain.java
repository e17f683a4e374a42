package io.strait.embedded;

/** A child main that never ends by itself. */
public final class SleepingMain {
    private SleepingMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }
}
