package dev.metronome.checkpoint;

import static dev.metronome.checkpoint.CheckpointProblem.Kind.FILE_MISSING;
import static dev.metronome.checkpoint.CheckpointProblem.Kind.MANIFEST_MISMATCH;
import static dev.metronome.checkpoint.CheckpointProblem.Kind.MANIFEST_MISSING;
import static dev.metronome.checkpoint.CheckpointProblem.Kind.MANIFEST_UNREADABLE;
import static dev.metronome.checkpoint.CheckpointProblem.Kind.NOT_A_CHECKPOINT;
import static dev.metronome.checkpoint.CheckpointProblem.Kind.SHA256_MISMATCH;
import static dev.metronome.checkpoint.CheckpointProblem.Kind.SIZE_MISMATCH;
import static dev.metronome.checkpoint.CheckpointProblem.Kind.UNREADABLE_CONTENT;

import dev.metronome.checkpoint.safetensors.SafetensorsFormatException;
import dev.metronome.checkpoint.safetensors.SafetensorsReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Checks a checkpoint directory against its manifest: every listed file present with the recorded
 * size and SHA-256, the manifest consistent with the directory, and every file parseable. Never
 * throws for a bad checkpoint; every problem becomes a {@link CheckpointProblem}.
 */
final class CheckpointVerifier {

    /** A manifest is a few hundred bytes; anything near this is not one of ours. */
    static final long MAX_MANIFEST_BYTES = 16L << 20;

    private static final int HASH_BUFFER_BYTES = 1 << 20;

    private final Path dir;
    private final String dirName;
    private final List<CheckpointProblem> problems = new ArrayList<>();

    private CheckpointVerifier(Path dir) {
        this.dir = dir;
        this.dirName = String.valueOf(dir.getFileName());
    }

    /** Verifies one directory. */
    static CheckpointInfo inspect(Path dir) {
        return new CheckpointVerifier(dir).inspect();
    }

    private CheckpointInfo inspect() {
        OptionalLong step = CheckpointLayout.parseStep(dirName);
        CheckpointManifest manifest = null;
        if (step.isEmpty()) {
            problems.add(new CheckpointProblem(NOT_A_CHECKPOINT, dirName + ": directory name is not checkpoint-<step>"));
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(new CheckpointProblem(NOT_A_CHECKPOINT, dirName + ": not a directory"));
        } else {
            manifest = readManifest();
            if (manifest != null) {
                checkAgainst(manifest, step);
            }
        }
        return new CheckpointInfo(dir, step.orElse(-1), new CheckpointVerification(dir, problems), manifest);
    }

    private CheckpointManifest readManifest() {
        Path file = dir.resolve(CheckpointLayout.MANIFEST_FILE);
        String where = dirName + "/" + CheckpointLayout.MANIFEST_FILE;
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(new CheckpointProblem(MANIFEST_MISSING, where + ": missing"));
            return null;
        }
        try {
            long bytes = Files.size(file);
            if (bytes > MAX_MANIFEST_BYTES) {
                throw new IOException(bytes + " bytes, more than the " + MAX_MANIFEST_BYTES + " a manifest may have");
            }
            return ManifestJson.fromJson(CheckpointJson.parse(Files.readAllBytes(file)));
        } catch (IOException | IllegalArgumentException e) {
            problems.add(new CheckpointProblem(MANIFEST_UNREADABLE,
                    where + ": unreadable: " + CheckpointDirectoryWriter.describe(e)));
            return null;
        }
    }

    private void checkAgainst(CheckpointManifest manifest, OptionalLong step) {
        String where = dirName + "/" + CheckpointLayout.MANIFEST_FILE;
        if (step.isPresent() && manifest.step() != step.getAsLong()) {
            problems.add(new CheckpointProblem(MANIFEST_MISMATCH, where + ": step " + manifest.step()
                    + " does not match the directory name (step " + step.getAsLong() + ")"));
        }
        for (String required : CheckpointLayout.REQUIRED_FILES) {
            if (!manifest.files().containsKey(required)) {
                problems.add(new CheckpointProblem(MANIFEST_MISMATCH, where + ": does not list " + required));
            }
        }
        if (!manifest.files().containsKey(CheckpointLayout.CONFIG_FILE)
                && Files.exists(dir.resolve(CheckpointLayout.CONFIG_FILE), LinkOption.NOFOLLOW_LINKS)) {
            problems.add(new CheckpointProblem(MANIFEST_MISMATCH, dirName + "/" + CheckpointLayout.CONFIG_FILE
                    + ": present but not listed in " + CheckpointLayout.MANIFEST_FILE));
        }
        for (Map.Entry<String, CheckpointManifest.FileEntry> entry : manifest.files().entrySet()) {
            if (!isPlainFileName(entry.getKey())) {
                problems.add(new CheckpointProblem(MANIFEST_MISMATCH, where + ": lists '" + entry.getKey()
                        + "', which is not a plain file name of this checkpoint"));
            } else {
                checkFile(entry.getKey(), entry.getValue());
            }
        }
    }

    private void checkFile(String name, CheckpointManifest.FileEntry expected) {
        Path file = dir.resolve(name);
        String where = dirName + "/" + name;
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(new CheckpointProblem(FILE_MISSING, where + ": listed in "
                    + CheckpointLayout.MANIFEST_FILE + " but missing"));
            return;
        }
        try {
            long bytes = Files.size(file);
            if (bytes != expected.bytes()) {
                problems.add(new CheckpointProblem(SIZE_MISMATCH,
                        where + ": size mismatch (expected " + expected.bytes() + " bytes, got " + bytes + ")"));
            } else {
                String sha256 = sha256Hex(file);
                if (!sha256.equals(expected.sha256())) {
                    problems.add(new CheckpointProblem(SHA256_MISMATCH,
                            where + ": SHA-256 mismatch (expected " + expected.sha256() + ", got " + sha256 + ")"));
                }
            }
            checkContent(name, file, where);
        } catch (IOException e) {
            problems.add(new CheckpointProblem(UNREADABLE_CONTENT,
                    where + ": cannot read: " + CheckpointDirectoryWriter.describe(e)));
        }
    }

    private void checkContent(String name, Path file, String where) throws IOException {
        if (name.endsWith(".safetensors")) {
            try {
                SafetensorsReader.readHeader(file);
            } catch (SafetensorsFormatException e) {
                problems.add(new CheckpointProblem(UNREADABLE_CONTENT,
                        where + ": unreadable safetensors header: " + e.reason()));
            }
        } else if (name.endsWith(".json")) {
            try {
                CheckpointJson.parse(Files.readAllBytes(file));
            } catch (IOException e) {
                problems.add(new CheckpointProblem(UNREADABLE_CONTENT, where + ": " + e.getMessage()));
            }
        }
    }

    private static boolean isPlainFileName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf('\\') < 0 && name.indexOf('\0') < 0
                && !name.equals(CheckpointLayout.MANIFEST_FILE);
    }

    static String sha256Hex(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
        ByteBuffer buffer = ByteBuffer.allocate(HASH_BUFFER_BYTES);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
