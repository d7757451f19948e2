package dev.metronome.schedule;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What happens at one step boundary: which actions fire (at most once each), why, and whether
 * training stops here. Immutable.
 *
 * @param step the 1-based step the decision is for
 * @param causes for every firing action, what made it fire: a trigger's text ({@code 10m},
 *     {@code 500 steps}), {@code first step}, {@code requested}, {@code postponed}, {@code best},
 *     {@code end} or {@code signal}
 * @param stop why training ends at this boundary, or null to continue
 */
public record Decision(long step, Map<Action, String> causes, StopReason stop) {

    /** Copies the causes. */
    public Decision {
        EnumMap<Action, String> copy = new EnumMap<>(Action.class);
        copy.putAll(causes);
        causes = Collections.unmodifiableMap(copy);
    }

    /**
     * Tells whether an action fires.
     *
     * @param action the action
     * @return {@code true} if it fires at this boundary
     */
    public boolean fires(Action action) {
        return causes.containsKey(action);
    }

    /**
     * Returns why an action fires.
     *
     * @param action the action
     * @return the cause, or empty when it does not fire
     */
    public Optional<String> cause(Action action) {
        return Optional.ofNullable(causes.get(action));
    }

    /** @return why training stops here, or empty */
    public Optional<StopReason> stopReason() {
        return Optional.ofNullable(stop);
    }

    /**
     * Returns a copy in which an action also fires (keeping its existing cause if it already did).
     *
     * @param action the action
     * @param cause why
     * @return the new decision
     */
    public Decision with(Action action, String cause) {
        EnumMap<Action, String> copy = new EnumMap<>(Action.class);
        copy.putAll(causes);
        copy.putIfAbsent(action, cause);
        return new Decision(step, copy, stop);
    }

    /**
     * Returns a copy that stops training.
     *
     * @param reason why
     * @return the new decision
     */
    public Decision stopping(StopReason reason) {
        return new Decision(step, causes, reason);
    }
}
