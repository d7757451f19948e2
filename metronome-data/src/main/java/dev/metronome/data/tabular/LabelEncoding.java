package dev.metronome.data.tabular;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * How the raw values of a label column become class indices.
 *
 * <ul>
 *   <li>{@link Kind#INDEX}: every value is an integer in 0..9999; the integer is the class index,
 *       and the class count is the largest value plus one (class names {@code "0", "1", ...}), so a
 *       label keeps its meaning even when some class is absent.</li>
 *   <li>{@link Kind#SORTED_INTEGERS}: every value is an integer, some outside 0..9999; the distinct
 *       values in numeric order get indices 0, 1, ...</li>
 *   <li>{@link Kind#SORTED_NUMBERS}: every value is a number, some not whole; the distinct
 *       values in numeric order get indices 0, 1, ...</li>
 *   <li>{@link Kind#SORTED_STRINGS}: otherwise; the distinct values in {@link String#compareTo}
 *       order get indices 0, 1, ...</li>
 * </ul>
 * Numbers are compared as numbers: {@code 1}, {@code 1.0} and {@code 1e0} are one class.
 * The class names record the mapping: class {@code i} is {@code classNames().get(i)}. For two
 * classes, {@link #withPositive} can choose which one is class 1, the positive class of the binary
 * metrics (ROC-AUC, PR-AUC, the threshold table).
 */
public final class LabelEncoding {

    /** Which rule mapped the labels. */
    public enum Kind {
        /** Non-negative integers used as indices. */
        INDEX,
        /** Integers, some outside 0..9999, ranked numerically. */
        SORTED_INTEGERS,
        /** Numbers, some not whole, ranked numerically. */
        SORTED_NUMBERS,
        /** Strings ranked lexicographically. */
        SORTED_STRINGS
    }

    private final Kind kind;
    private final List<String> classNames;
    private final Map<String, Integer> indexByValue;
    private final boolean positiveChosen;

    private LabelEncoding(Kind kind, List<String> classNames, Map<String, Integer> indexByValue) {
        this(kind, classNames, indexByValue, false);
    }

    private LabelEncoding(Kind kind, List<String> classNames, Map<String, Integer> indexByValue, boolean positiveChosen) {
        this.kind = kind;
        this.classNames = List.copyOf(classNames);
        this.indexByValue = Map.copyOf(indexByValue);
        this.positiveChosen = positiveChosen;
    }

    /**
     * Makes one of two classes class 1, the positive class of the binary metrics; the other
     * becomes class 0.
     *
     * @param positive a class name ({@link #classNames()}), e.g. {@code fraud}
     * @return the encoding with {@code positive} as class 1
     * @throws IllegalArgumentException if there are not exactly two classes, or {@code positive}
     *     is not one of them
     */
    public LabelEncoding withPositive(String positive) {
        if (classNames.size() != 2) {
            throw new IllegalArgumentException("a positive label needs exactly two classes, found " + classNames.size()
                    + ": " + String.join(", ", classNames));
        }
        int index = classNames.indexOf(kind == Kind.SORTED_STRINGS ? positive : key(positive));
        if (index < 0) {
            throw new IllegalArgumentException("positive label '" + positive + "' is not one of the labels "
                    + String.join(", ", classNames));
        }
        if (index == 1) {
            return new LabelEncoding(kind, classNames, indexByValue, true);
        }
        Map<String, Integer> swapped = new HashMap<>();
        indexByValue.forEach((value, i) -> swapped.put(value, 1 - i));
        return new LabelEncoding(kind, List.of(classNames.get(1), classNames.get(0)), swapped, true);
    }

    /**
     * Chooses the encoding for the given raw label values (of all splits together, so every split
     * shares one mapping).
     *
     * @param values trimmed raw values, none empty
     * @return the encoding
     */
    public static LabelEncoding fit(Collection<String> values) {
        TreeSet<BigDecimal> numbers = new TreeSet<>();
        boolean allNumbers = true;
        for (String value : values) {
            BigDecimal number = number(value);
            if (number == null) {
                allNumbers = false;
                break;
            }
            numbers.add(number);
        }
        Map<String, Integer> indexByValue = new HashMap<>();
        List<String> names = new ArrayList<>();
        if (allNumbers && !numbers.isEmpty() && numbers.stream().allMatch(LabelEncoding::isWhole)) {
            if (numbers.first().signum() >= 0 && numbers.last().compareTo(BigDecimal.valueOf(10_000)) < 0) {
                for (BigDecimal number : numbers) {
                    indexByValue.put(number.toPlainString(), number.intValueExact());
                }
                for (long index = 0; index <= numbers.last().longValueExact(); index++) {
                    names.add(Long.toString(index));
                }
                return new LabelEncoding(Kind.INDEX, names, indexByValue);
            }
            for (BigDecimal number : numbers) {
                indexByValue.put(number.toPlainString(), names.size());
                names.add(number.toPlainString());
            }
            return new LabelEncoding(Kind.SORTED_INTEGERS, names, indexByValue);
        }
        if (allNumbers && !numbers.isEmpty()) {
            for (BigDecimal number : numbers) {
                indexByValue.put(number.toPlainString(), names.size());
                names.add(number.toPlainString());
            }
            return new LabelEncoding(Kind.SORTED_NUMBERS, names, indexByValue);
        }
        names.addAll(new TreeSet<>(values));
        for (int i = 0; i < names.size(); i++) {
            indexByValue.put(names.get(i), i);
        }
        return new LabelEncoding(Kind.SORTED_STRINGS, names, indexByValue);
    }

    /** A label as a number with no trailing zeros ({@code 1.50} is {@code 1.5}), or null if it is not one. */
    private static BigDecimal number(String value) {
        if (value.isEmpty() || !(Character.isDigit(value.charAt(value.length() - 1)) || value.endsWith("."))) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(value).stripTrailingZeros();
            return number.signum() == 0 ? BigDecimal.ZERO : number;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static boolean isWhole(BigDecimal number) {
        return number.scale() <= 0 && number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
    }

    /** The key a raw value is found under: its number's plain form for numeric encodings. */
    private String key(String value) {
        if (kind == Kind.SORTED_STRINGS) {
            return value;
        }
        BigDecimal number = number(value);
        return number == null ? value : (isWhole(number) ? number.setScale(0).toPlainString() : number.toPlainString());
    }

    /**
     * Finds a raw value's class, if the encoding has it: a value seen by {@link #fit} (numbers
     * compared as numbers), or for {@link Kind#INDEX} any whole number below the class count.
     *
     * @param value a trimmed raw label value
     * @return its class index, or empty if this encoding has no such class
     */
    public OptionalInt find(String value) {
        String key = key(value);
        Integer index = indexByValue.get(key);
        if (index != null) {
            return OptionalInt.of(index);
        }
        if (kind == Kind.INDEX) {
            BigDecimal number = number(value);
            if (number != null && isWhole(number) && number.signum() >= 0
                    && number.compareTo(BigDecimal.valueOf(classNames.size())) < 0) {
                return OptionalInt.of(number.intValueExact());
            }
        }
        return OptionalInt.empty();
    }

    /** @return the rule used */
    public Kind kind() {
        return kind;
    }

    /** @return class names by index; their count is the class count */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * @param value a raw label value seen by {@link #fit}
     * @return its class index
     * @throws IllegalArgumentException if the value was not seen
     */
    public int indexOf(String value) {
        return find(value).orElseThrow(() -> new IllegalArgumentException("label '" + value + "' is not one of "
                + classNames));
    }

    /**
     * @return a one-line description for provenance, e.g. {@code sorted strings: fraud=0, legit=1}
     *     or {@code positive label fraud: legit=0, fraud=1}
     */
    public String describe() {
        if (positiveChosen) {
            return "positive label " + classNames.get(1) + ": " + mapping();
        }
        if (kind == Kind.INDEX) {
            return "integer class indices 0.." + (classNames.size() - 1);
        }
        String rule = switch (kind) {
            case SORTED_INTEGERS -> "sorted integers: ";
            case SORTED_NUMBERS -> "sorted numbers: ";
            default -> "sorted strings: ";
        };
        return rule + mapping();
    }

    private String mapping() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < classNames.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(classNames.get(i)).append('=').append(i);
        }
        return text.toString();
    }
}
