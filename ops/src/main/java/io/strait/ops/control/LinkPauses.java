package io.strait.ops.control;

import io.strait.scheduler.cycle.DispatchGate;
import io.strait.sql.control.JdbcLinkControl;
import javax.sql.DataSource;

/** The dispatch gate of {@code strait run}: a link paused by an operator ({@code strait pause}) starts no job. */
public final class LinkPauses {
    private LinkPauses() {
    }

    /** Reads {@code link_control} before every dispatch, so a pause reaches every process of the cluster at once. */
    public static DispatchGate gate(DataSource stateStore) {
        JdbcLinkControl control = new JdbcLinkControl(stateStore);
        return link -> !control.isPaused(link);
    }
}
