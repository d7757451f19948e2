package dev.metronome.schedule;

/**
 * A schedule whose settings contradict each other (a {@code best} trigger outside saves, a
 * {@code best} save or early stopping without scheduled evaluations). Names the setting at fault
 * by its configuration key relative to {@code schedule}, so a configuration reader can point at
 * the key and the layer that set it.
 */
public final class ScheduleConfigException extends IllegalArgumentException {

    private final String setting;
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param setting the key relative to {@code schedule}, for example {@code save.every} or {@code early_stopping}
     * @param problem what is wrong and what is expected
     */
    public ScheduleConfigException(String setting, String problem) {
        super("schedule." + setting + ": " + problem);
        this.setting = setting;
        this.problem = problem;
    }

    /** @return the key relative to {@code schedule}, for example {@code save.every} */
    public String setting() {
        return setting;
    }

    /** @return what is wrong and what is expected, without the key */
    public String problem() {
        return problem;
    }
}
