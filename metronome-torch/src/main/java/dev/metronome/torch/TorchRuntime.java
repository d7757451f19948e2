package dev.metronome.torch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.global.torch;

/**
 * Loads bytedeco's libtorch once per process, safely.
 *
 * <ul>
 *   <li><b>One libtorch per process.</b> DJL's libtorch and this one cannot share a JVM (in either
 *       order they abort with undefined symbols or duplicate backend registrations). Each engine
 *       records that it loaded its libtorch in the system property {@value #NATIVE_PROPERTY}; this
 *       class refuses to load when another engine's is there, with a one-line message.</li>
 *   <li><b>Its own cache.</b> JavaCPP unpacks the native libraries into {@code
 *       $METRONOME_HOME/cache/javacpp} (default {@code ~/.metronome/cache/javacpp}) unless {@code
 *       org.bytedeco.javacpp.cachedir} is set.</li>
 *   <li><b>Everything unpacked before anything loads.</b> On a machine with Debian's libtorch
 *       (python3-torch) a first load on an empty cache could resolve {@code libtorch_cpu.so} from
 *       {@code /usr/lib} while it was still being unpacked and crash; unpacking all of the
 *       engine's files first removes the race.</li>
 * </ul>
 */
public final class TorchRuntime {

    /** The system property naming the engine whose libtorch this process loaded. */
    public static final String NATIVE_PROPERTY = "metronome.libtorch";
    /** This engine's value of {@link #NATIVE_PROPERTY}. */
    public static final String ENGINE = "torch";

    private static final String CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";
    private static final String LOGGER_PROPERTY = "org.bytedeco.javacpp.logger";
    private static final String PHYSICAL_BYTES_PROPERTY = "org.bytedeco.javacpp.maxPhysicalBytes";
    private static final String RESOURCES = "/org/bytedeco/pytorch/linux-x86_64/";

    private static TorchInfo loaded;

    private TorchRuntime() {}

    /**
     * Loads libtorch if this process has not yet, and sets its intra-op threads.
     *
     * @param intraOpThreads threads for one operation, or 0 for PyTorch's choice
     * @return what was loaded
     * @throws IllegalStateException if another engine's libtorch is already in this process
     * @throws UncheckedIOException if the native files cannot be unpacked
     */
    public static synchronized TorchInfo load(int intraOpThreads) {
        String other = System.getProperty(NATIVE_PROPERTY);
        if (other != null && !other.equals(ENGINE)) {
            throw new IllegalStateException("engine.name=torch: this process already loaded the " + other + " engine's"
                    + " libtorch, and one process can hold only one; run the torch engine in its own process");
        }
        if (loaded == null) {
            if (System.getProperty(LOGGER_PROPERTY) == null) {
                // JavaCPP's own logger prints to stderr; through SLF4J the application decides. Its one
                // expected warning is the openblas build's preset version (1.5.13, the newest on Maven
                // Central) differing from javacpp's (1.5.14); see docs/ENGINE.md.
                System.setProperty(LOGGER_PROPERTY, "slf4j");
            }
            if (System.getProperty(PHYSICAL_BYTES_PROPERTY) == null) {
                // JavaCPP otherwise reads the process's resident size on every native allocation to
                // decide whether to run the GC: 5-15% of a small model's step. Every step frees its
                // native memory itself (a PointerScope), so the check buys nothing here.
                System.setProperty(PHYSICAL_BYTES_PROPERTY, "0");
            }
            Path cache = cacheDirectory();
            if (System.getProperty(CACHE_PROPERTY) == null) {
                System.setProperty(CACHE_PROPERTY, cache.toString());
            }
            try {
                Files.createDirectories(Paths.get(System.getProperty(CACHE_PROPERTY)));
                Loader.cacheResources(org.bytedeco.pytorch.presets.torch.class, RESOURCES);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unpack libtorch into " + System.getProperty(CACHE_PROPERTY)
                        + " (" + e.getMessage() + "); set METRONOME_HOME to a writable folder", e);
            }
            System.setProperty(NATIVE_PROPERTY, ENGINE);
            Loader.load(torch.class);
            loaded = new TorchInfo(version(), Paths.get(System.getProperty(CACHE_PROPERTY)), 0);
        }
        if (intraOpThreads > 0) {
            torch.set_num_threads(intraOpThreads);
        }
        loaded = new TorchInfo(loaded.version(), loaded.cacheDirectory(), torch.get_num_threads());
        return loaded;
    }

    /** @return what was loaded, if this process loaded libtorch */
    public static synchronized Optional<TorchInfo> current() {
        return Optional.ofNullable(loaded);
    }

    /** The default cache: {@code $METRONOME_HOME/cache/javacpp}, else {@code ~/.metronome/cache/javacpp}. */
    static Path cacheDirectory() {
        String home = System.getenv("METRONOME_HOME");
        Path root = home != null && !home.isBlank() ? Paths.get(home) : Paths.get(System.getProperty("user.home"), ".metronome");
        return root.resolve("cache").resolve("javacpp");
    }

    /** The PyTorch version of the bundled libtorch, from the preset artifact's version (e.g. 2.13.0-1.5.14). */
    private static String version() {
        return versions().get("pytorch");
    }

    /**
     * Reads the versions of the bundled libraries from their Maven metadata, without loading any
     * native code: what {@code --version} prints and {@code run.json} records for this engine.
     *
     * @return {@code pytorch -> 2.13.0} and {@code bytedeco -> 1.5.14} ({@code unknown} if not found)
     */
    public static Map<String, String> versions() {
        Properties properties = new Properties();
        try (InputStream in = TorchRuntime.class.getResourceAsStream("/META-INF/maven/org.bytedeco/pytorch/pom.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // reported as unknown below
        }
        String artifact = properties.getProperty("version", "unknown").trim();
        int dash = artifact.indexOf('-');
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("pytorch", dash > 0 ? artifact.substring(0, dash) : artifact);
        versions.put("bytedeco", dash > 0 ? artifact.substring(dash + 1) : "unknown");
        return versions;
    }

    /** @return the inter-op threads libtorch uses (its pool may not be started yet) */
    public static synchronized int interOpThreads() {
        return (int) torch.get_num_interop_threads();
    }

    /**
     * Sets the inter-op thread pool's size. libtorch accepts this once, before its first parallel
     * work; a later call with another size is refused.
     *
     * @param threads threads for independent operations, at least 1
     * @throws IllegalStateException naming {@code engine.interop_threads} if libtorch refused it
     */
    public static synchronized void setInterOpThreads(int threads) {
        if (torch.get_num_interop_threads() == threads) {
            return;
        }
        try {
            torch.set_num_interop_threads(threads);
        } catch (RuntimeException e) {
            throw new IllegalStateException("engine.interop_threads: libtorch has already started its inter-op pool with "
                    + torch.get_num_interop_threads() + " threads and cannot change it to " + threads + " in this process");
        }
    }

    /**
     * What this process loaded.
     *
     * @param version the PyTorch version, e.g. {@code 2.13.0}
     * @param cacheDirectory where the native files were unpacked
     * @param intraOpThreads the intra-op threads libtorch uses now
     */
    public record TorchInfo(String version, Path cacheDirectory, int intraOpThreads) {}
}
