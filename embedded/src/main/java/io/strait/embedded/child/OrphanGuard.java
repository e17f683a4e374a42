package io.strait.embedded.child;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of Strait's child JVMs (metastore, schema tool): runs {@code args[0]}'s {@code main} with the
 * remaining arguments, and exits when standard input reaches end of file. The parent keeps the child's standard
 * input open while it lives, so a child never outlives the Strait process that started it, even one killed
 * without running its shutdown hooks. Uses only the JDK: it runs on the metastore server's classpath.
 */
public final class OrphanGuard {
    /** Exit status when the parent went away (128 + SIGTERM, as if terminated). */
    public static final int PARENT_GONE_STATUS = 143;

    private OrphanGuard() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: OrphanGuard <main class> [arguments...]");
        }
        Thread watcher = new Thread(() -> exitAtEndOfInput(System.in), "strait-orphan-guard");
        watcher.setDaemon(true);
        watcher.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitAtEndOfInput(InputStream input) {
        byte[] buffer = new byte[256];
        try {
            while (input.read(buffer) >= 0) {
                // the parent writes nothing; any bytes are ignored
            }
        } catch (IOException parentGone) {
            // a broken pipe means the same as end of input
        }
        System.err.println("Strait closed the control pipe (stopped, or its process is gone): exiting");
        System.exit(PARENT_GONE_STATUS);
    }
}
