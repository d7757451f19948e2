package dev.metronome.run;

import dev.metronome.loop.FitResult;
import dev.metronome.provenance.RunStatus;
import dev.metronome.signal.SignalTrap;
import java.nio.file.Path;

/**
 * How a run ended.
 *
 * @param fit what training produced
 * @param runDirectory the run directory
 * @param resumedFrom the checkpoint this session continued from (relative to the run directory), or null
 * @param status completed or stopped
 * @param parameterHash the {@code ParameterHash} of the final parameters, as recorded in {@code run.json}
 */
public record RunOutcome(FitResult fit, Path runDirectory, String resumedFrom, RunStatus status, String parameterHash) {

    /**
     * @return the conventional process exit status: 1 for a run that failed at its end (its final
     *     checkpoint could not be written), 143 after SIGTERM, 130 after SIGINT, else 0
     */
    public int exitStatus() {
        if (status == RunStatus.FAILED) {
            return 1;
        }
        return SignalTrap.exitStatus(fit.stopReason());
    }
}
