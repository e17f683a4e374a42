package io.strait.listener;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.metastore.StraitParameters;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Who made a change: Strait marks every object it publishes into a metastore with
 * {@value StraitParameters#SOURCE_REGION}; an event concerning such an object (the database, the table or any
 * partition in the event) is Strait's own and is never replicated back (loop prevention). Anything else is a
 * writer's.
 */
final class EventOrigin {
    private EventOrigin() {
    }

    static String of(EventSnapshot snapshot) {
        Stream<Map<String, String>> parameters = Stream.of(
                        snapshot.database() == null ? null : snapshot.database().parameters(),
                        snapshot.table() == null ? null : snapshot.table().parameters())
                .filter(map -> map != null);
        Stream<Map<String, String>> partitions = snapshot.partitions().stream().map(p -> p.parameters());
        boolean marked = Stream.concat(parameters, partitions)
                .anyMatch(map -> map.containsKey(StraitParameters.SOURCE_REGION));
        return marked ? CapturedEvent.ORIGIN_STRAIT : CapturedEvent.ORIGIN_WRITER;
    }
}
