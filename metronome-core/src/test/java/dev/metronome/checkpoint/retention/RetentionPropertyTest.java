package dev.metronome.checkpoint.retention;

import dev.metronome.schedule.MetricMode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Simulates many runs, each a random sequence of saves with random metrics, corrupt checkpoints
 * and protected steps, applying a random policy after every save the way the store does. After
 * every save, the checkpoints left must be exactly those an independent oracle computes from the
 * whole history, and the stated properties must hold.
 */
class RetentionPropertyTest {

    private static final int RUNS = 1_000;

    /** The rules of one simulated run; 0 or null means the rule is off. */
    private record Rules(int keepLast, int keepBest, MetricMode mode, long everySteps, Duration every) {

        RetentionPolicy policy() {
            RetentionPolicy.Builder builder = RetentionPolicy.builder();
            if (keepLast > 0) {
                builder.keepLast(keepLast);
            }
            if (keepBest > 0) {
                builder.keepBest(keepBest, mode);
            }
            if (everySteps > 0) {
                builder.keepEverySteps(everySteps);
            }
            if (every != null) {
                builder.keepEvery(every);
            }
            return builder.build();
        }

        static Rules random(Random random) {
            while (true) {
                Rules rules = new Rules(random.nextBoolean() ? 1 + random.nextInt(4) : 0,
                        random.nextBoolean() ? 1 + random.nextInt(3) : 0,
                        random.nextBoolean() ? MetricMode.MIN : MetricMode.MAX,
                        random.nextInt(3) == 0 ? 10 + random.nextInt(190) : 0,
                        random.nextInt(3) == 0 ? Duration.ofSeconds(30 + random.nextInt(570)) : null);
                if (rules.keepLast + rules.keepBest + rules.everySteps > 0 || rules.every != null) {
                    return rules;
                }
            }
        }
    }

    @Test
    void randomRuns_keepExactlyWhatTheRulesClaim_andNeverLoseTheNewestOrAProtectedOne() {
        List<String> violations = new ArrayList<>();
        int checks = 0;
        for (int seed = 0; seed < RUNS; seed++) {
            checks += simulate(seed, violations);
        }

        assertThat(violations).as("first violations").isEmpty();
        assertThat(checks).as("saves simulated").isGreaterThan(RUNS * 20);
    }

    /** Runs one simulated run; returns the number of saves checked. Plain checks keep 100k saves fast. */
    private int simulate(long seed, List<String> violations) {
        Random random = new Random(seed);
        Rules rules = Rules.random(random);
        RetentionPolicy policy = rules.policy();
        List<RetentionCandidate> history = new ArrayList<>();
        List<RetentionCandidate> present = new ArrayList<>();
        Set<Long> protectedSteps = new HashSet<>();
        long step = 0;
        double elapsedSeconds = 0;
        int saves = 20 + random.nextInt(60);
        for (int save = 0; save < saves; save++) {
            step += 1 + random.nextInt(60);
            elapsedSeconds += random.nextDouble() * 120;
            Double metric = random.nextInt(5) == 0 ? null : Math.round(random.nextDouble() * 20) / 20.0;
            RetentionCandidate saved = new RetentionCandidate(step, elapsedSeconds, metric, random.nextInt(8) != 0);
            history.add(saved);
            present.add(saved);
            if (random.nextInt(20) == 0) {
                protectedSteps.add(present.get(random.nextInt(present.size())).step());
            }
            List<RetentionCandidate> shuffled = new ArrayList<>(present);
            Collections.shuffle(shuffled, random);

            List<RetentionCandidate> deleted = policy.selectForDeletion(shuffled, Set.copyOf(protectedSteps));

            String context = "seed " + seed + ", save " + save + ", " + rules + ": ";
            if (!present.containsAll(deleted)) {
                violations.add(context + "deleted something not present");
            }
            for (int i = 1; i < deleted.size(); i++) {
                if (deleted.get(i - 1).step() >= deleted.get(i).step()) {
                    violations.add(context + "deletions not in ascending step order");
                }
            }
            present.removeAll(deleted);
            checkProperties(context, rules, history, present, protectedSteps, saved, violations);
            if (violations.size() > 5) {
                return save + 1;
            }
        }
        return saves;
    }

    private static void checkProperties(String context, Rules rules, List<RetentionCandidate> history,
            List<RetentionCandidate> present, Set<Long> protectedSteps, RetentionCandidate newest,
            List<String> violations) {
        Set<Long> presentSteps = present.stream().map(RetentionCandidate::step).collect(Collectors.toSet());
        List<RetentionCandidate> valid = history.stream().filter(RetentionCandidate::valid).toList();
        Set<Long> lastN = steps(valid.subList(Math.max(0, valid.size() - rules.keepLast()), valid.size()));
        Set<Long> bestK = bestK(valid, rules);
        Set<Long> permanents = new HashSet<>();
        if (rules.everySteps() > 0) {
            permanents.addAll(firstAtOrAfterEachMultiple(valid, rules.everySteps(), false));
        }
        if (rules.every() != null) {
            permanents.addAll(firstAtOrAfterEachMultiple(valid, rules.every().toNanos(), true));
        }

        check(violations, presentSteps.contains(newest.step()), context + "newest deleted");
        check(violations, presentSteps.containsAll(protectedSteps), context + "a protected step was deleted");
        check(violations, presentSteps.containsAll(bestK), context + "one of the best K was deleted: " + bestK);
        check(violations, presentSteps.containsAll(permanents), context + "a permanent was deleted: " + permanents);
        long validKept = present.stream().filter(RetentionCandidate::valid).count();
        check(violations, validKept <= rules.keepLast() + rules.keepBest() + permanents.size() + 1
                + protectedSteps.size(), context + "too many valid checkpoints kept: " + validKept);
        check(violations, present.size() <= rules.keepLast() + rules.keepBest() + permanents.size() + 2
                + protectedSteps.size(), context + "too many checkpoints kept: " + present.size());

        Set<Long> expected = new TreeSet<>();
        expected.add(newest.step());
        if (!valid.isEmpty()) {
            expected.add(valid.get(valid.size() - 1).step());
        }
        expected.addAll(protectedSteps);
        expected.addAll(lastN);
        expected.addAll(bestK);
        expected.addAll(permanents);
        check(violations, expected.equals(new TreeSet<>(presentSteps)),
                context + "kept " + new TreeSet<>(presentSteps) + " but the rules claim exactly " + expected);
    }

    private static void check(List<String> violations, boolean holds, String violation) {
        if (!holds) {
            violations.add(violation);
        }
    }

    /** The K best of the whole valid history; on equal values the later step is better. */
    private static Set<Long> bestK(List<RetentionCandidate> valid, Rules rules) {
        List<RetentionCandidate> withMetric = new ArrayList<>(valid.stream()
                .filter(candidate -> candidate.metricValue() != null).toList());
        withMetric.sort((a, b) -> {
            int byValue = Double.compare(a.metricValue(), b.metricValue());
            if (rules.mode() == MetricMode.MAX) {
                byValue = -byValue;
            }
            return byValue != 0 ? byValue : Long.compare(b.step(), a.step());
        });
        return steps(withMetric.subList(0, Math.min(rules.keepBest(), withMetric.size())));
    }

    /** For each k >= 1, the first valid checkpoint whose step (or elapsed time) is at or after k * period. */
    private static Set<Long> firstAtOrAfterEachMultiple(List<RetentionCandidate> valid, long period, boolean time) {
        Set<Long> firsts = new HashSet<>();
        if (valid.isEmpty()) {
            return firsts;
        }
        RetentionCandidate latest = valid.get(valid.size() - 1);
        long last = time ? Math.round(latest.elapsedSeconds() * 1e9) : latest.step();
        // Positions grow with the step, so the first candidate for each next multiple is never earlier.
        int first = 0;
        for (long multiple = period; multiple <= last; multiple += period) {
            while (position(valid.get(first), time) < multiple) {
                first++;
            }
            firsts.add(valid.get(first).step());
        }
        return firsts;
    }

    private static long position(RetentionCandidate candidate, boolean time) {
        return time ? Math.round(candidate.elapsedSeconds() * 1e9) : candidate.step();
    }

    private static Set<Long> steps(List<RetentionCandidate> candidates) {
        return candidates.stream().map(RetentionCandidate::step).collect(Collectors.toSet());
    }
}
