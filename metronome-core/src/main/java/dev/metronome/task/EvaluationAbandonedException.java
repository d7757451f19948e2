package dev.metronome.task;

/**
 * Thrown by {@link TrainingTask#evaluate} when it was asked to stop between batches, typically
 * because a termination signal arrived: a long evaluation must not outlive the job.
 */
public class EvaluationAbandonedException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param batchesDone evaluation batches completed before stopping
     */
    public EvaluationAbandonedException(long batchesDone) {
        super("evaluation abandoned after " + batchesDone + " batches");
    }
}
