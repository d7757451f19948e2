package dev.metronome.data.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.data.DataSplits;
import dev.metronome.data.ExampleSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Which data a task trains on, as recorded in a checkpoint so that restoring into a task built on
 * other data fails clearly instead of silently training on the wrong examples.
 *
 * <p>The fingerprint is cheap and content-based: SHA-256 over both splits' sizes, feature shape,
 * class names, every label, and up to {@value #SAMPLED_FEATURES} feature values per split taken
 * at evenly spaced positions (features after any standardisation). It takes well under a
 * millisecond for Fashion-MNIST; it catches another dataset, another split, reordered or
 * relabelled examples and other scaling, though not a change confined to unsampled pixels.
 *
 * @param name the dataset's name, e.g. {@code fashion-mnist}
 * @param trainExamples examples in the training split
 * @param evalExamples examples in the evaluation split
 * @param fingerprint 64 lower-case hex digits
 */
public record DatasetIdentity(String name, long trainExamples, long evalExamples, String fingerprint) {

    /** Feature values sampled per split for the fingerprint. */
    public static final int SAMPLED_FEATURES = 4096;

    /** Checks for nulls. */
    public DatasetIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /**
     * Computes the identity of loaded data.
     *
     * @param splits the data
     * @return its identity
     */
    public static DatasetIdentity of(DataSplits splits) {
        MessageDigest digest = sha256();
        ExampleSet train = splits.train();
        update(digest, train);
        update(digest, splits.eval());
        return new DatasetIdentity(splits.info().name(), train.size(), splits.eval().size(),
                HexFormat.of().formatHex(digest.digest()));
    }

    private static void update(MessageDigest digest, ExampleSet set) {
        int size = set.size();
        int[] shape = set.featureShape();
        ByteBuffer header = ByteBuffer.allocate(8 * (2 + shape.length)).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(size).putLong(shape.length);
        for (int dimension : shape) {
            header.putLong(dimension);
        }
        digest.update(header.array());
        for (String className : set.classNames()) {
            digest.update(className.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        ByteBuffer labels = ByteBuffer.allocate(4 * size).order(ByteOrder.LITTLE_ENDIAN);
        labels.asIntBuffer().put(set.labels());
        digest.update(labels.array());
        long total = (long) size * set.featuresPerExample();
        int samples = (int) Math.min(SAMPLED_FEATURES, total);
        ByteBuffer features = ByteBuffer.allocate(4 * samples).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < samples; k++) {
            long position = total * k / samples;
            int example = (int) (position / set.featuresPerExample());
            int feature = (int) (position % set.featuresPerExample());
            features.putInt(Float.floatToRawIntBits(set.feature(example, feature)));
        }
        digest.update(features.array());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** @return {@code {"name": …, "train_examples": …, "eval_examples": …, "fingerprint": …}} */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", name);
        node.put("train_examples", trainExamples);
        node.put("eval_examples", evalExamples);
        node.put("fingerprint", fingerprint);
        return node;
    }

    /**
     * Reads an identity written by {@link #toJson()}.
     *
     * @param node the JSON object
     * @return the identity
     * @throws IllegalArgumentException naming the field, if one is missing or of the wrong type
     */
    public static DatasetIdentity fromJson(JsonNode node) {
        return new DatasetIdentity(StateJson.text(node, "dataset", "name"), StateJson.integer(node, "dataset", "train_examples"),
                StateJson.integer(node, "dataset", "eval_examples"), StateJson.text(node, "dataset", "fingerprint"));
    }

    /** @return e.g. {@code 'fashion-mnist' (60000 train / 10000 eval examples, fingerprint 3f2a9c01…)} */
    public String describe() {
        return "'" + name + "' (" + trainExamples + " train / " + evalExamples + " eval examples, fingerprint "
                + fingerprint.substring(0, Math.min(12, fingerprint.length())) + "…)";
    }
}
