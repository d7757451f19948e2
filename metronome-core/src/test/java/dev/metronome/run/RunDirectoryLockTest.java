package dev.metronome.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryLockTest {

    @TempDir
    Path runDir;

    @Test
    void aSecondHolder_inThisProcess_isRefused_namingTheDirectoryAndThePid() throws IOException {
        try (RunDirectoryLock first = RunDirectoryLock.acquire(runDir)) {
            assertThatThrownBy(() -> RunDirectoryLock.acquire(runDir))
                    .isInstanceOf(RunDirectoryException.class)
                    .hasMessage(runDir + ": in use by another training (pid " + ProcessHandle.current().pid()
                            + "); wait for it to end, or stop it (it saves a checkpoint when stopped) and resume");
            assertThatThrownBy(() -> RunDirectoryLock.checkFree(runDir)).isInstanceOf(RunDirectoryException.class);
        }
        assertThatCode(() -> RunDirectoryLock.acquire(runDir).close()).doesNotThrowAnyException();
        assertThat(runDir.resolve(RunDirectoryLock.FILE_NAME)).hasContent(ProcessHandle.current().pid() + "\n");
    }

    @Test
    void aDirectoryThatDoesNotExistYet_isFree_andIsNotCreatedByTheCheck() throws IOException {
        Path missing = runDir.resolve("not-yet");

        RunDirectoryLock.checkFree(missing);

        assertThat(missing).doesNotExist();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anotherProcessHoldsTheLock_untilItIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), runDir.toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("locked");

            assertThatThrownBy(() -> RunDirectoryLock.acquire(runDir))
                    .isInstanceOf(RunDirectoryException.class)
                    .hasMessageContaining("in use by another training (pid " + child.pid() + ")");

            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        try (RunDirectoryLock lock = RunDirectoryLock.acquire(runDir)) {
            assertThat(lock).isNotNull();
            assertThat(Files.readString(runDir.resolve(RunDirectoryLock.FILE_NAME)).trim())
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
    }
}
