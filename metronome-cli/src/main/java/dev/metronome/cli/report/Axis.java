package dev.metronome.cli.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps data values onto pixels along one chart axis and chooses readable tick marks: multiples of
 * 1, 2 and 5 for plain numbers, powers of ten on a log scale, and whole seconds, minutes or hours
 * for time.
 */
final class Axis {

    /** How values are spaced and labelled. */
    enum Kind {
        /** Evenly spaced numbers (steps, metric values). */
        LINEAR,
        /** Powers of ten evenly spaced; only for positive values. */
        LOG,
        /** Seconds, ticked at whole seconds, minutes or hours. */
        TIME
    }

    private static final double[] TIME_STEPS_SECONDS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
        10_800, 21_600, 43_200, 86_400, 172_800, 432_000, 864_000};

    private final Kind kind;
    private final double min;
    private final double max;
    private final double pixelStart;
    private final double pixelEnd;
    private final List<Double> ticks;
    private final double spacing;

    private Axis(Kind kind, double min, double max, double pixelStart, double pixelEnd, List<Double> ticks,
            double spacing) {
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.pixelStart = pixelStart;
        this.pixelEnd = pixelEnd;
        this.ticks = ticks;
        this.spacing = spacing;
    }

    /**
     * Builds an axis over the given data range.
     *
     * @param kind spacing and labels; {@link Kind#LOG} needs {@code dataMin > 0}
     * @param dataMin smallest value to show
     * @param dataMax largest value to show
     * @param pixelStart pixel position of the smallest value (larger than pixelEnd for a y axis)
     * @param pixelEnd pixel position of the largest value
     * @param targetTicks about how many ticks to draw
     * @param roundOut whether to widen the range to the nearest ticks (y axes) or keep it exact (x axes)
     * @return the axis
     */
    static Axis of(Kind kind, double dataMin, double dataMax, double pixelStart, double pixelEnd, int targetTicks,
            boolean roundOut) {
        double low = dataMin;
        double high = dataMax;
        if (kind == Kind.LOG) {
            double lowExp = Math.floor(Math.log10(low));
            double highExp = Math.ceil(Math.log10(high));
            if (highExp == lowExp) {
                highExp++;
            }
            return new Axis(kind, Math.pow(10, lowExp), Math.pow(10, highExp), pixelStart, pixelEnd,
                    logTicks(lowExp, highExp), Double.NaN);
        }
        if (!(high > low)) {
            // One value: a y axis centres it; an x axis starts at it (an elapsed time of 0 must not tick "-1s").
            double pad = low == 0 ? 1 : Math.abs(low) * 0.05;
            low -= roundOut ? pad : 0;
            high += pad;
        }
        double step = kind == Kind.TIME ? timeStep((high - low) / targetTicks) : niceStep((high - low) / targetTicks);
        if (roundOut) {
            low = Math.floor(low / step + 1e-9) * step;
            high = Math.ceil(high / step - 1e-9) * step;
        }
        List<Double> ticks = new ArrayList<>();
        // Dividing by the whole number 1/step gives 0.3 where adding 0.1 three times gives 0.30000000000000004.
        double perUnit = step < 1 ? Math.round(1 / step) : 0;
        for (long index = (long) Math.ceil(low / step - 1e-9); index * step <= high + step * 1e-9; index++) {
            ticks.add(index == 0 ? 0.0 : perUnit > 0 ? index / perUnit : index * step);
        }
        return new Axis(kind, low, high, pixelStart, pixelEnd, List.copyOf(ticks), step);
    }

    /** @return the pixel position of a value (values outside the range land outside the pixel span) */
    double pixel(double value) {
        double fraction = kind == Kind.LOG
                ? (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                : (value - min) / (max - min);
        return pixelStart + fraction * (pixelEnd - pixelStart);
    }

    /** @return the tick values, ascending */
    List<Double> ticks() {
        return ticks;
    }

    /** @return the tick's label */
    String label(double tick) {
        return switch (kind) {
            case TIME -> ValueFormat.timeTick(tick);
            case LOG -> ValueFormat.tick(tick);
            case LINEAR -> ValueFormat.tick(tick, spacing);
        };
    }

    Kind kind() {
        return kind;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    double pixelStart() {
        return pixelStart;
    }

    double pixelEnd() {
        return pixelEnd;
    }

    /** Rounds a raw interval up to 1, 2 or 5 times a power of ten. */
    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double normalised = raw / magnitude;
        double factor = normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 5 ? 5 : 10;
        return factor * magnitude;
    }

    private static double timeStep(double rawSeconds) {
        if (rawSeconds < 1) {
            return niceStep(rawSeconds);
        }
        for (double candidate : TIME_STEPS_SECONDS) {
            if (candidate >= rawSeconds) {
                return candidate;
            }
        }
        return Math.ceil(rawSeconds / 86_400) * 86_400;
    }

    private static List<Double> logTicks(double lowExp, double highExp) {
        List<Double> ticks = new ArrayList<>();
        boolean withMultiples = highExp - lowExp <= 2;
        for (double exp = lowExp; exp <= highExp; exp++) {
            double decade = Math.pow(10, exp);
            ticks.add(decade);
            if (withMultiples && exp < highExp) {
                ticks.add(2 * decade);
                ticks.add(5 * decade);
            }
        }
        return List.copyOf(ticks);
    }
}
