package dev.metronome.djl.optim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.djl.engine.EngineSetup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Parameter names, initial weights, dropout masks and updates must be the same in a fresh process
 * as in this long-lived one, whose engine generator has been used by many other tests.
 */
class ProcessDeterminismTest {

    @Test
    void freshProcess_trainsToTheSameBits() throws IOException, InterruptedException {
        EngineSetup.start();
        String here = DeterminismProbe.run();

        Process child = new ProcessBuilder(
                        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"),
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                        DeterminismProbe.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String output;
        try (InputStream stdout = child.getInputStream()) {
            output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();

        assertThat(child.exitValue()).isZero();
        assertThat(here).startsWith("names=[mlp.linear1.weight, mlp.linear1.bias, mlp.linear4.weight, mlp.linear4.bias]");
        assertThat(output).isEqualTo(here);
    }
}
