package dev.metronome.cli.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256SumsTest {

    @TempDir
    Path dir;

    @Test
    void writesSha256sumFormat_sortedByName_andVerifiesIt() throws IOException {
        Files.writeString(dir.resolve("b.txt"), "b");
        Files.writeString(dir.resolve("a.txt"), "abc");

        Sha256Sums.writeFor(dir);

        assertThat(Files.readString(dir.resolve("SHA256SUMS"))).isEqualTo(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a.txt\n"
                        + "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d  b.txt\n");
        assertThat(Sha256Sums.verify(dir)).isEmpty();
    }

    @Test
    void aChangedFile_aMissingFile_andAMissingList_areProblems() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "abc");
        Files.writeString(dir.resolve("b.txt"), "b");
        Sha256Sums.writeFor(dir);
        Files.writeString(dir.resolve("a.txt"), "abd");
        Files.delete(dir.resolve("b.txt"));

        assertThat(Sha256Sums.verify(dir)).containsExactly(
                "a.txt: SHA-256 mismatch (expected ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad, got "
                        + "a52d159f262b2c6ddb724a61840befc36eb30c88877a4030b65cbe86298449c9)",
                "b.txt: listed in SHA256SUMS but missing");
        Files.delete(dir.resolve("SHA256SUMS"));
        assertThat(Sha256Sums.verify(dir)).containsExactly("SHA256SUMS: missing; the bundle's checksums cannot be checked");
    }

    @Test
    void aLineNamingAPath_isRefused() throws IOException {
        Files.writeString(dir.resolve("SHA256SUMS"), "ab".repeat(32) + "  ../secret\n");
        assertThatThrownBy(() -> Sha256Sums.read(dir)).hasMessageEndingWith("SHA256SUMS:1: expected '<sha256>  <file name>', got '"
                + "ab".repeat(32) + "  ../secret'");
    }
}
