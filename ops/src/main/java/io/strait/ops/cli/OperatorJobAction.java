package io.strait.ops.cli;

import io.strait.ops.control.OperatorActions;
import io.strait.ops.control.OperatorActions.Outcome;
import io.strait.sql.StateStore;
import java.io.PrintWriter;
import java.time.Clock;

/**
 * An operator's move of one job ({@code strait retry}, {@code strait cancel}) through {@link OperatorActions} (the
 * dashboard's API acts through the same). Exit 0 moved, 1 no such job or a state it cannot leave that way (named).
 */
final class OperatorJobAction {
    private OperatorJobAction() {
    }

    static int apply(ConfigOption config, long jobId, String action, OperatorOptions operator, PrintWriter out,
            PrintWriter err) {
        try (StateStore store = StoreOption.open(config.load(), config.file)) {
            OperatorActions actions = new OperatorActions(store.dataSource(), Clock.systemUTC());
            OperatorActions.Actor actor = new OperatorActions.Actor(operator.who(), operator.why());
            Outcome outcome = action.equals("cancel") ? actions.cancel(jobId, actor) : actions.retry(jobId, actor);
            if (outcome.done()) {
                out.println(outcome.message());
                return 0;
            }
            err.println("strait " + action + ": " + outcome.message());
            return 1;
        }
    }
}
