package dev.metronome.schedule;

/**
 * Stops training when the best metric has not improved by more than {@code minDelta} for
 * {@code patience} consecutive evaluations.
 *
 * @param patience evaluations without improvement that end training, at least 1
 * @param minDelta the smallest change that counts as an improvement, at least 0
 */
public record EarlyStopping(int patience, double minDelta) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if {@code patience < 1} or {@code minDelta} is negative or NaN
     */
    public EarlyStopping {
        if (patience < 1) {
            throw new IllegalArgumentException("early_stopping.patience must be >= 1 evaluation: " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("early_stopping.min_delta must be >= 0: " + minDelta);
        }
    }
}
