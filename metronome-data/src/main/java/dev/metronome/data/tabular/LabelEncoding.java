package dev.metronome.data.tabular;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 *   <li>{@link Kind#SORTED_STRINGS}: otherwise; the distinct values in {@link String#compareTo}
 *       order get indices 0, 1, ...</li>
 * </ul>
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
        int index = classNames.indexOf(positive);
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
        TreeSet<Long> integers = new TreeSet<>();
        boolean allIntegers = true;
        for (String value : values) {
            try {
                integers.add(Long.parseLong(value));
            } catch (NumberFormatException e) {
                allIntegers = false;
                break;
            }
        }
        Map<String, Integer> indexByValue = new HashMap<>();
        List<String> names = new ArrayList<>();
        if (allIntegers && !integers.isEmpty() && integers.first() >= 0 && integers.last() < 10_000) {
            for (String value : values) {
                indexByValue.putIfAbsent(value, Math.toIntExact(Long.parseLong(value)));
            }
            for (long index = 0; index <= integers.last(); index++) {
                names.add(Long.toString(index));
            }
            return new LabelEncoding(Kind.INDEX, names, indexByValue);
        }
        if (allIntegers) {
            List<Long> ranked = new ArrayList<>(integers);
            for (String value : values) {
                indexByValue.putIfAbsent(value, ranked.indexOf(Long.parseLong(value)));
            }
            ranked.forEach(integer -> names.add(Long.toString(integer)));
            return new LabelEncoding(Kind.SORTED_INTEGERS, names, indexByValue);
        }
        names.addAll(new TreeSet<>(values));
        for (int i = 0; i < names.size(); i++) {
            indexByValue.put(names.get(i), i);
        }
        return new LabelEncoding(Kind.SORTED_STRINGS, names, indexByValue);
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
        Integer index = indexByValue.get(value);
        if (index == null) {
            throw new IllegalArgumentException("label '" + value + "' is not one of " + classNames);
        }
        return index;
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
        return (kind == Kind.SORTED_INTEGERS ? "sorted integers: " : "sorted strings: ") + mapping();
    }

    private String mapping() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < classNames.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(classNames.get(i)).append('=').append(i);
        }
        return text.toString();
    }
}
