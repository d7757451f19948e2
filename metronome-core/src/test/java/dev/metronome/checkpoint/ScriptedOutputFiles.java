package dev.metronome.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Real files with scripted trouble, standing in for a disk: fail after a byte budget ("No space
 * left on device"), fail on fsync, hold a write at a gate until released, or run a hook on each
 * file. Only files inside a checkpoint being written for a chosen step are affected.
 */
final class ScriptedOutputFiles implements OutputFiles {

    private final Predicate<Path> affected;
    private final AtomicLong bytesLeft = new AtomicLong(Long.MAX_VALUE);
    private volatile boolean failSync;
    private volatile CountDownLatch gateEntered;
    private volatile CountDownLatch gateRelease;
    private volatile Consumer<Path> onCreate = file -> {};

    private ScriptedOutputFiles(Predicate<Path> affected) {
        this.affected = affected;
    }

    /** Affects only the checkpoints of the given steps. */
    static ScriptedOutputFiles forStep(long... steps) {
        return new ScriptedOutputFiles(file -> {
            String dirName = file.getParent().getFileName().toString();
            for (long step : steps) {
                if (dirName.startsWith(CheckpointLayout.TEMP_PREFIX + CheckpointLayout.dirName(step) + "-")) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Affects every checkpoint. */
    static ScriptedOutputFiles forAllSteps() {
        return new ScriptedOutputFiles(file -> true);
    }

    /** Lets {@code bytes} bytes through in total, then fails every write with ENOSPC. */
    ScriptedOutputFiles failAfterBytes(long bytes) {
        bytesLeft.set(bytes);
        return this;
    }

    /** Makes fsync of affected files fail with EIO. */
    ScriptedOutputFiles failSync() {
        failSync = true;
        return this;
    }

    /** Makes the first affected file creation wait until {@link #release()}. */
    ScriptedOutputFiles closeGate() {
        gateEntered = new CountDownLatch(1);
        gateRelease = new CountDownLatch(1);
        return this;
    }

    /** Runs a hook whenever an affected file is created (on the writing thread). */
    ScriptedOutputFiles onCreate(Consumer<Path> hook) {
        onCreate = hook;
        return this;
    }

    /** Waits until a write has reached the gate. */
    void awaitGate() throws InterruptedException {
        if (!gateEntered.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no write reached the gate within 30 s");
        }
    }

    /** Opens the gate. */
    void release() {
        gateRelease.countDown();
    }

    @Override
    public OutputFile create(Path file) throws IOException {
        OutputFile real = DISK.create(file);
        if (!affected.test(file)) {
            return real;
        }
        onCreate.accept(file);
        CountDownLatch entered = gateEntered;
        if (entered != null && entered.getCount() > 0) {
            entered.countDown();
            try {
                if (!gateRelease.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("test gate never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted at the test gate", e);
            }
        }
        return new OutputFile() {
            @Override
            public int write(ByteBuffer source) throws IOException {
                long allowed = bytesLeft.get();
                if (allowed <= 0) {
                    throw new IOException("No space left on device");
                }
                if (source.remaining() > allowed) {
                    ByteBuffer part = source.duplicate();
                    part.limit(part.position() + (int) allowed);
                    int written = real.write(part);
                    source.position(source.position() + written);
                    bytesLeft.addAndGet(-written);
                    return written;
                }
                int written = real.write(source);
                bytesLeft.addAndGet(-written);
                return written;
            }

            @Override
            public void sync() throws IOException {
                if (failSync) {
                    throw new IOException("Input/output error");
                }
                real.sync();
            }

            @Override
            public boolean isOpen() {
                return real.isOpen();
            }

            @Override
            public void close() throws IOException {
                real.close();
            }
        };
    }
}
