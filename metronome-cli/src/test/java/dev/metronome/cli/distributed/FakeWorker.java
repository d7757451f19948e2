package dev.metronome.cli.distributed;

import java.nio.file.Files;
import java.nio.file.Path;
import sun.misc.Signal;

/**
 * A worker for launcher tests: says who it is, writes {@code pid-<rank>} into the folder named by
 * {@code FAKE_DIR}, then, by {@code FAKE_MODE}: {@code finish} exits 0; {@code wait} waits (up to a
 * minute, then exits 3), exiting 143 on SIGTERM and 130 on SIGINT, except that the rank named by
 * {@code FAKE_STUBBORN_RANK} ignores SIGTERM.
 */
public final class FakeWorker {

    private FakeWorker() {}

    public static void main(String[] args) throws Exception {
        String rank = System.getenv("RANK");
        System.out.println("rank " + rank + " of " + System.getenv("WORLD_SIZE") + " local " + System.getenv("LOCAL_RANK")
                + " master " + System.getenv("MASTER_ADDR") + ":" + System.getenv("MASTER_PORT"));
        System.out.flush();
        boolean stubborn = rank.equals(System.getenv("FAKE_STUBBORN_RANK"));
        Signal.handle(new Signal("TERM"), signal -> {
            System.out.println("rank " + rank + " got TERM" + (stubborn ? ", ignoring it" : ""));
            System.out.flush();
            if (!stubborn) {
                Runtime.getRuntime().halt(143);
            }
        });
        Signal.handle(new Signal("INT"), signal -> {
            System.out.println("rank " + rank + " got INT");
            System.out.flush();
            Runtime.getRuntime().halt(130);
        });
        Path dir = Path.of(System.getenv("FAKE_DIR"));
        Path pid = dir.resolve("pid-" + rank);
        Files.writeString(dir.resolve("pid-" + rank + ".tmp"), Long.toString(ProcessHandle.current().pid()));
        Files.move(dir.resolve("pid-" + rank + ".tmp"), pid);
        if ("finish".equals(System.getenv("FAKE_MODE"))) {
            System.exit(0);
        }
        Thread.sleep(60_000);
        System.exit(3);
    }
}
