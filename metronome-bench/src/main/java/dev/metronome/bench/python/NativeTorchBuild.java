package dev.metronome.bench.python;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What can be said about the PyTorch library this process runs (through DJL), for the side of
 * {@code bench python} that has no {@code torch.__config__.show()}: the {@code libtorch_cpu.so}
 * mapped into this process, whether Intel's Math Kernel Library or OpenBLAS is linked into it
 * (by the text each leaves in the binary), and the vector instruction sets this CPU offers (PyTorch
 * picks its kernels' CPU capability from them at run time; DJL does not expose which it chose).
 */
final class NativeTorchBuild {

    private NativeTorchBuild() {}

    /**
     * Describes the loaded library.
     *
     * @return lines to print
     */
    static List<String> describe() {
        List<String> lines = new ArrayList<>();
        Path library = loadedLibrary("libtorch_cpu.so");
        if (library == null) {
            lines.add("libtorch_cpu.so: not found among this process's mapped files");
        } else {
            lines.add("library: " + library);
            try {
                boolean mkl = contains(library, "Intel(R) oneAPI Math Kernel Library")
                        || contains(library, "Intel(R) Math Kernel Library");
                boolean openBlas = contains(library, "OpenBLAS");
                lines.add("BLAS linked in: " + (mkl ? "Intel MKL" : openBlas ? "OpenBLAS" : "neither MKL nor OpenBLAS found"));
            } catch (IOException e) {
                lines.add("BLAS: cannot read " + library + ": " + e.getMessage());
            }
        }
        lines.add("CPU vector extensions: " + cpuExtensions() + " (the CPU capability PyTorch picks from these is not"
                + " exposed through DJL)");
        return lines;
    }

    private static Path loadedLibrary(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash >= 0 && line.endsWith("/" + name)) {
                    return Path.of(line.substring(slash));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return null;
    }

    private static String cpuExtensions() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    List<String> flags = List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
                    List<String> found = new ArrayList<>();
                    for (String flag : List.of("avx", "avx2", "fma", "avx512f", "avx512_vnni", "avx512_bf16")) {
                        if (flags.contains(flag)) {
                            found.add(flag.toUpperCase(Locale.ROOT));
                        }
                    }
                    return String.join(" ", found);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "unknown";
    }

    /** Whether the file holds the ASCII text, read in chunks that overlap by the text's length. */
    private static boolean contains(Path file, String text) throws IOException {
        byte[] pattern = text.getBytes(StandardCharsets.US_ASCII);
        byte[] buffer = new byte[8 << 20];
        int carried = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer, carried, buffer.length - carried)) > 0) {
                int end = carried + read;
                if (indexOf(buffer, end, pattern) >= 0) {
                    return true;
                }
                carried = Math.min(pattern.length - 1, end);
                System.arraycopy(buffer, end - carried, buffer, 0, carried);
            }
        }
        return false;
    }

    private static int indexOf(byte[] data, int length, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
