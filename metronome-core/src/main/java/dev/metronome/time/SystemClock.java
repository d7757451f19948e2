package dev.metronome.time;

/** The {@link Clock} backed by the JVM's system time. The only class that reads system time. */
final class SystemClock implements Clock {

    static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {}

    @Override
    public long wallTimeMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public long monotonicNanos() {
        return System.nanoTime();
    }

    @Override
    public String toString() {
        return "Clock.SYSTEM";
    }
}
