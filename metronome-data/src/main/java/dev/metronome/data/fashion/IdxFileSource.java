package dev.metronome.data.fashion;

import dev.metronome.data.InvalidDataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where the four Fashion-MNIST files are read from: a directory, or the classpath. */
interface IdxFileSource {

    /** @return the provenance source string: an absolute directory or {@code embedded:<resource folder>} */
    String location();

    /**
     * @param fileName e.g. {@code train-images-idx3-ubyte.gz}
     * @return how to name the file in a message: its path or resource name
     */
    String describe(String fileName);

    /**
     * Opens the stored (compressed) bytes of a file.
     *
     * @param fileName e.g. {@code train-images-idx3-ubyte.gz}
     * @return the raw stream, owned by the caller
     * @throws InvalidDataException if the file does not exist, saying how to get it
     * @throws IOException if it cannot be opened
     */
    InputStream open(String fileName) throws IOException;

    /** Files in a directory on disk. */
    record Directory(Path directory) implements IdxFileSource {

        @Override
        public String location() {
            return directory.toAbsolutePath().toString();
        }

        @Override
        public String describe(String fileName) {
            return directory.resolve(fileName).toString();
        }

        @Override
        public InputStream open(String fileName) throws IOException {
            Path file = directory.resolve(fileName);
            try {
                return Files.newInputStream(file);
            } catch (NoSuchFileException e) {
                String hint = directory.equals(FashionMnist.DEFAULT_DIRECTORY)
                        ? "install it with 'apt-get install dataset-fashion-mnist', or point the dataset's directory at"
                                + " a folder holding the four Fashion-MNIST .gz files"
                        : "expected a folder holding the four Fashion-MNIST .gz files (Debian's package"
                                + " dataset-fashion-mnist installs them in " + FashionMnist.DEFAULT_DIRECTORY + ")";
                throw new InvalidDataException(file + ": not found; " + hint, e);
            }
        }
    }

    /** Files embedded in the jar under a resource folder. */
    record Classpath(String resourceFolder) implements IdxFileSource {

        @Override
        public String location() {
            return "embedded:" + resourceFolder;
        }

        @Override
        public String describe(String fileName) {
            return "embedded:" + resourceFolder + "/" + fileName;
        }

        @Override
        public InputStream open(String fileName) throws IOException {
            InputStream stream = IdxFileSource.class.getClassLoader().getResourceAsStream(resourceFolder + "/" + fileName);
            if (stream == null) {
                throw new InvalidDataException(describe(fileName)
                        + ": not found on the classpath; the metronome-djl jar is incomplete (rebuild it)");
            }
            return stream;
        }
    }
}
