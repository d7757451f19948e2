package dev.metronome.cli.export;

import dev.metronome.provenance.FileHashes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@value #FILE_NAME} file of a bundle: one line per file, {@code <sha256>  <name>} (64
 * lower-case hex digits, two spaces, the file name), sorted by name, as GNU {@code sha256sum} writes
 * it, so {@code sha256sum -c SHA256SUMS} checks a bundle without Metronome.
 */
public final class Sha256Sums {

    /** The file's name inside a bundle. */
    public static final String FILE_NAME = "SHA256SUMS";

    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64})  ([^/\\\\]+)");

    private Sha256Sums() {}

    /**
     * Hashes every regular file of a directory (except {@value #FILE_NAME}) and writes the list.
     *
     * @param directory the bundle, holding plain files only
     * @return file name to SHA-256, sorted by name
     * @throws IOException if a file cannot be read or the list cannot be written
     */
    public static Map<String, String> writeFor(Path directory) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (!name.equals(FILE_NAME)) {
                    sums.put(name, FileHashes.sha256(file));
                }
            }
        }
        StringBuilder text = new StringBuilder();
        sums.forEach((name, sha) -> text.append(sha).append("  ").append(name).append('\n'));
        Files.writeString(directory.resolve(FILE_NAME), text, StandardCharsets.UTF_8);
        return sums;
    }

    /**
     * Reads the list of a bundle.
     *
     * @param directory the bundle
     * @return file name to SHA-256, in file order
     * @throws NoSuchFileException if the bundle has no {@value #FILE_NAME}
     * @throws IOException if it cannot be read, or a line is not {@code <sha256>  <name>} (the
     *     message names the line)
     */
    public static Map<String, String> read(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        Map<String, String> sums = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Matcher matcher = LINE.matcher(lines.get(i));
            if (!matcher.matches() || matcher.group(2).equals("..") || matcher.group(2).equals(".")) {
                throw new IOException(file + ":" + (i + 1) + ": expected '<sha256>  <file name>', got '" + lines.get(i) + "'");
            }
            sums.put(matcher.group(2), matcher.group(1));
        }
        return sums;
    }

    /**
     * Checks a bundle against its list.
     *
     * @param directory the bundle
     * @return one line per problem, empty when every listed file is there with its checksum: a
     *     missing list, a missing file, a checksum mismatch
     *     ({@code model.safetensors: SHA-256 mismatch (expected …, got …)})
     * @throws IOException if a file cannot be read
     */
    public static List<String> verify(Path directory) throws IOException {
        Map<String, String> sums;
        try {
            sums = read(directory);
        } catch (NoSuchFileException e) {
            return List.of(FILE_NAME + ": missing; the bundle's checksums cannot be checked");
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> entry : sums.entrySet()) {
            Path file = directory.resolve(entry.getKey());
            if (!Files.isRegularFile(file)) {
                problems.add(entry.getKey() + ": listed in " + FILE_NAME + " but missing");
                continue;
            }
            String actual = FileHashes.sha256(file);
            if (!actual.equals(entry.getValue())) {
                problems.add(entry.getKey() + ": SHA-256 mismatch (expected " + entry.getValue() + ", got " + actual + ")");
            }
        }
        return problems;
    }
}
