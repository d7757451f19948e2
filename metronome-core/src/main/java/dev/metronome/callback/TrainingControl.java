package dev.metronome.callback;

/**
 * Lets a callback ask for an action at the current step boundary, like Hugging Face's
 * {@code TrainerControl}. Requests made during {@code onStepEnd} or {@code onEpochEnd} apply to
 * this boundary's decision; a stop requested during {@code onEvaluate} ends training after this
 * boundary's save. With several workers, rank 0's requests are the ones that count.
 */
public interface TrainingControl {

    /** Asks for an evaluation at this step. */
    void requestEvaluate();

    /** Asks for a checkpoint at this step. */
    void requestSave();

    /** Asks to end training at this step, running the enabled final actions. */
    void requestStop();
}
