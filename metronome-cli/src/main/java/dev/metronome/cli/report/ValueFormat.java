package dev.metronome.cli.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How the report writes numbers, durations and sizes. Always locale-independent, so that a report
 * reads the same wherever it is generated.
 */
public final class ValueFormat {

    /** Shown where a value is absent. */
    public static final String MISSING = "—";

    private ValueFormat() {}

    /**
     * Writes a metric value with four significant digits: {@code 0.8765}, {@code 51200},
     * {@code 1.234e-05}; non-finite values as {@code NaN}, {@code +inf}, {@code -inf}.
     *
     * @param value the value
     * @return the text
     */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+inf" : "-inf";
        }
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e6 || magnitude < 1e-3) {
            return String.format(Locale.ROOT, "%.3e", value).replaceAll("\\.?0+e", "e");
        }
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /**
     * Writes a whole count with thousands separators: {@code 12,345}.
     *
     * @param count the count
     * @return the text
     */
    public static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /**
     * Writes a duration the way a person reads it: {@code 850 ms}, {@code 4.25 s}, {@code 1m 23s},
     * {@code 2h 05m}, {@code 3d 04h}.
     *
     * @param seconds the duration in seconds
     * @return the text, or {@link #MISSING} when not finite
     */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return MISSING;
        }
        double magnitude = Math.abs(seconds);
        String sign = seconds < 0 ? "-" : "";
        if (magnitude < 1) {
            return sign + String.format(Locale.ROOT, "%.0f ms", magnitude * 1000);
        }
        if (magnitude < 60) {
            return sign + String.format(Locale.ROOT, magnitude < 10 ? "%.2f s" : "%.1f s", magnitude);
        }
        long whole = Math.round(magnitude);
        if (whole < 3600) {
            return sign + String.format(Locale.ROOT, "%dm %02ds", whole / 60, whole % 60);
        }
        if (whole < 86_400) {
            return sign + String.format(Locale.ROOT, "%dh %02dm", whole / 3600, whole % 3600 / 60);
        }
        return sign + String.format(Locale.ROOT, "%dd %02dh", whole / 86_400, whole % 86_400 / 3600);
    }

    /**
     * Writes a size in binary units: {@code 512 B}, {@code 4.0 KiB}, {@code 1.25 MiB}.
     *
     * @param bytes the size in bytes
     * @return the text
     */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.2f %s" : value < 100 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    /**
     * Writes an axis tick label compactly: {@code 0}, {@code 2.5}, {@code 12k}, {@code 1.5M},
     * {@code 1e-4}.
     *
     * @param value the tick value
     * @return the text
     */
    public static String tick(double value) {
        double magnitude = Math.abs(value);
        if (magnitude == 0) {
            return "0";
        }
        if (magnitude >= 1e9) {
            return trim(value / 1e9) + "G";
        }
        if (magnitude >= 1e6) {
            return trim(value / 1e6) + "M";
        }
        if (magnitude >= 1e4) {
            return trim(value / 1e3) + "k";
        }
        if (magnitude < 1e-3) {
            return String.format(Locale.ROOT, "%.0e", value).replace("e-0", "e-");
        }
        return trim(value);
    }

    /**
     * Writes a tick label of an evenly spaced axis, with just enough precision to tell neighbouring
     * ticks apart: {@code 0.0004}, {@code 9.8e-4} and {@code 1.02e-3} side by side are written
     * with the precision the spacing needs, never as two equal labels.
     *
     * @param value the tick value
     * @param spacing the distance between ticks, positive
     * @return the text
     */
    public static String tick(double value, double spacing) {
        double magnitude = Math.abs(value);
        if (value == 0) {
            return "0";
        }
        int spacingExponent = (int) Math.floor(Math.log10(spacing) + 1e-9);
        if (magnitude >= 1e4 && spacing >= 1e3) {
            double unit = magnitude >= 1e9 ? 1e9 : magnitude >= 1e6 ? 1e6 : 1e3;
            String suffix = unit == 1e9 ? "G" : unit == 1e6 ? "M" : "k";
            int decimals = Math.max(0, (int) Math.log10(unit) - spacingExponent);
            return stripZeros(String.format(Locale.ROOT, "%." + decimals + "f", value / unit)) + suffix;
        }
        int decimals = Math.max(0, -spacingExponent);
        if (decimals <= 4 && magnitude < 1e6) {
            return stripZeros(String.format(Locale.ROOT, "%." + decimals + "f", value));
        }
        int valueExponent = (int) Math.floor(Math.log10(magnitude));
        int mantissaDigits = Math.max(0, valueExponent - spacingExponent);
        String text = String.format(Locale.ROOT, "%." + mantissaDigits + "e", value);
        return text.replace("e-0", "e-").replace("e+0", "e").replace("e+", "e");
    }

    private static String stripZeros(String fixed) {
        return fixed.contains(".") ? fixed.replaceAll("0+$", "").replaceAll("\\.$", "") : fixed;
    }

    /**
     * Writes a time tick label: {@code 0}, {@code 45s}, {@code 1m30s}, {@code 2h}, {@code 1h15m}, or
     * a fraction of a second such as {@code 0.5s}.
     *
     * @param seconds the tick position in seconds
     * @return the text
     */
    public static String timeTick(double seconds) {
        if (seconds == 0) {
            return "0";
        }
        if (Math.abs(seconds) < 60 && seconds != Math.rint(seconds)) {
            return trim(seconds) + "s";
        }
        long whole = Math.round(seconds);
        long hours = whole / 3600;
        long minutes = whole % 3600 / 60;
        long secs = whole % 60;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (secs > 0 || text.length() == 0) {
            text.append(secs).append('s');
        }
        return text.toString();
    }

    private static String trim(double value) {
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
