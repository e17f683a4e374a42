package io.strait.ops.capture;

import io.strait.common.capture.NotificationCrossCheck;
import io.strait.common.capture.RecoveredEvents;
import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.RegionConfig;
import io.strait.common.event.CapturedEvent;
import io.strait.common.metastore.NotificationEntry;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionId;
import io.strait.ops.runtime.RegionClients;
import io.strait.scheduler.quartz.PeriodicTask;
import io.strait.sql.event.JdbcNotificationCrossCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The notification-log cross-check of one source region ({@code regions.<name>.notification-log.cross-check}), a
 * {@link PeriodicTask} of {@code strait run}: reads the source metastore's notification log after the last checked
 * id (through Strait's Thrift gateway: {@code get_current_notificationEventId}, {@code get_next_notification}),
 * compares it with the notification ids Strait's listeners recorded ({@link NotificationCrossCheck}) and
 * <ul>
 *   <li>reads each lost event back into the event log ({@link RecoveredEvents}), so the link plans it as if the
 *       listener had recorded it (a late listener write of the same change is then older-or-equal and plans
 *       nothing);</li>
 *   <li>records ids that expired from the log unchecked, and events that cannot be read back faithfully (a rename),
 *       as lost events: the links scan their tables and repair them ({@code LostEventRepair}).</li>
 * </ul>
 */
public final class NotificationCrossCheckTask implements PeriodicTask {
    /** How often the log is checked. */
    public static final Duration INTERVAL = Duration.ofSeconds(10);
    /** Log entries read per call. */
    static final int PAGE = 500;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NotificationCrossCheckTask.class);

    private final RegionConfig region;
    private final RegionClients clients;
    private final JdbcNotificationCrossCheck store;
    private final Clock clock;

    public NotificationCrossCheckTask(RegionConfig region, RegionClients clients, DataSource stateStore,
            Clock clock) {
        this.region = Objects.requireNonNull(region, "region");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.store = new JdbcNotificationCrossCheck(stateStore, clock);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One task per source region of a link whose cross-check is on. */
    public static List<PeriodicTask> of(StraitConfig config, DataSource stateStore,
            Function<RegionId, RegionClients> clientsOf, Clock clock) {
        Set<RegionId> sources = new LinkedHashSet<>();
        config.links().forEach(link -> sources.add(link.source()));
        List<PeriodicTask> tasks = new ArrayList<>();
        for (RegionId source : sources) {
            RegionConfig region = config.region(source);
            if (region.notificationLog().crossCheck()) {
                tasks.add(new NotificationCrossCheckTask(region, clientsOf.apply(source), stateStore, clock));
            }
        }
        return tasks;
    }

    @Override
    public String name() {
        return "notification-cross-check-" + region.name().name();
    }

    @Override
    public Duration interval() {
        return INTERVAL;
    }

    @Override
    public void runOnce() {
        RegionId id = region.name();
        OptionalLong progress = store.checkedThrough(id);
        if (progress.isEmpty()) {
            long from = store.start(id, clients.notificationLog().currentNotificationId());
            LOG.info("region {}: notification-log cross-check starts after notification id {}", id, from);
            return;
        }
        long through = progress.getAsLong();
        long settledBefore = (clock.millis() - region.notificationLog().settle().toMillis()) / 1000L;
        int recovered = 0;
        int lost = 0;
        while (true) {
            List<NotificationEntry> entries = clients.notificationLog().notificationsAfter(through, PAGE);
            if (entries.isEmpty()) {
                break;
            }
            NotificationCrossCheck.Check check = NotificationCrossCheck.check(through, entries,
                    store.recorded(id, through + 1, entries.get(entries.size() - 1).id()), settledBefore);
            if (check.checkedThrough() == through) {
                break;
            }
            List<CapturedEvent> events = new ArrayList<>();
            List<JdbcNotificationCrossCheck.Loss> losses = new ArrayList<>();
            for (io.strait.common.capture.SequenceRange expired : check.expired()) {
                losses.add(new JdbcNotificationCrossCheck.Loss(expired, List.of(), "notification ids " + expired
                        + " are gone from the source metastore's notification log (expired) and Strait's listeners"
                        + " did not record them either; which tables they concern is unknown"));
            }
            for (NotificationEntry entry : check.missing()) {
                TableSnapshot current = entry.table().isEmpty() ? null
                        : clients.metastore().getTable(TableRef.of(entry.database(), entry.table())).orElse(null);
                RecoveredEvents.of(id, entry, current).ifPresentOrElse(events::add, () -> losses.add(
                        new JdbcNotificationCrossCheck.Loss(new io.strait.common.capture.SequenceRange(entry.id(),
                                entry.id()), tablesOf(entry), "the " + entry.type() + " event with notification id "
                                + entry.id() + " is missing from Strait's event log and cannot be read back"
                                + " faithfully from the notification log")));
            }
            if (!store.settle(id, through, check.checkedThrough(), events, losses)) {
                LOG.debug("region {}: the notification cross-check moved meanwhile (another process)", id);
                return;
            }
            recovered += events.size();
            lost += losses.size();
            through = check.checkedThrough();
        }
        if (recovered > 0 || lost > 0) {
            LOG.info("region {}: notification-log cross-check through id {}: {} lost event(s) read back from the"
                    + " log, {} range(s) recorded lost for a scan with repair", id, through, recovered, lost);
        }
    }

    private static List<String> tablesOf(NotificationEntry entry) {
        List<String> tables = new ArrayList<>();
        if (!entry.table().isEmpty()) {
            tables.add(TableRef.of(entry.database(), entry.table()).toString());
        }
        io.strait.common.capture.NotificationMessages.renamedFrom(entry)
                .ifPresent(previous -> tables.add(previous.toString()));
        return tables;
    }
}
