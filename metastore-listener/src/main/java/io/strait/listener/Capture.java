package io.strait.listener;

import io.strait.common.event.CapturedEvent;
import java.util.function.Supplier;

/**
 * How the listener records an event of an object in a catalog ({@link StraitMetastoreListener#capture}), for the
 * callback classes of events only Hive Metastore 4.x has. Generic on purpose: erased to {@code Object}, its event
 * parameter lets a 3.1 metastore verify those classes without loading the 4.x event classes passed to it (a
 * parameter typed {@code ListenerEvent} would make the verifier load them to check the assignment, and fail).
 */
interface Capture<E> {
    void accept(E event, Supplier<String> catalog, Supplier<CapturedEvent> translation);
}
