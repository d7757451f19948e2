package dev.metronome.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHashesTest {

    @TempDir
    Path directory;

    @Test
    void sha256_ofAbc_isTheFips180TestVector() throws IOException {
        Path file = Files.writeString(directory.resolve("abc"), "abc", StandardCharsets.US_ASCII);

        assertThat(FileHashes.sha256(file)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void sha256_ofAFileLargerThanTheBuffer_matchesAnIndependentDigest() throws IOException {
        byte[] pattern = new byte[256];
        for (int i = 0; i < 256; i++) {
            pattern[i] = (byte) i;
        }
        Path file = directory.resolve("big");
        try (var out = Files.newOutputStream(file)) {
            for (int i = 0; i < 4096; i++) {
                out.write(pattern);
            }
        }

        // 1 MiB of 0..255 repeated; digest from Python's hashlib
        assertThat(FileHashes.sha256(file)).isEqualTo("fbbab289f7f94b25736c58be46a994c441fd02552cc6022352e3d86d2fab7c83");
    }

    @Test
    void dataFile_recordsPathSizeAndHash() throws IOException {
        Path file = Files.writeString(directory.resolve("abc"), "abc", StandardCharsets.US_ASCII);

        assertThat(DataFile.of(file)).isEqualTo(new DataFile(file.toString(), 3,
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    @Test
    void missingFile_isReported() {
        assertThatThrownBy(() -> FileHashes.sha256(directory.resolve("absent"))).isInstanceOf(NoSuchFileException.class);
    }
}
