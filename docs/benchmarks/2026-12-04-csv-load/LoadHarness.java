// Loads a CSV with CsvDataset (default options, or those given as key=value) and prints the load time and
// digests of both splits and the fitted statistics. usage: java -Xmx… -cp … LoadHarness file.csv label [options]
import dev.metronome.data.DataSplits;
import dev.metronome.data.ExampleSet;
import dev.metronome.data.tabular.CsvDataset;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

public class LoadHarness {
    public static void main(String[] args) throws Exception {
        CsvDataset.Builder b = CsvDataset.builder(Path.of(args[0]), args[1]);
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            switch (kv[0]) {
                case "eval" -> b.optEvalFile(Path.of(kv[1]));
                case "nostd" -> b.optStandardize(false);
                case "unstratified" -> b.optStratified(false);
                case "seed" -> b.optSeed(Long.parseLong(kv[1]));
                case "fraction" -> b.optEvalFraction(Double.parseDouble(kv[1]));
                case "features" -> b.optFeatureColumns(java.util.List.of(kv[1].split(",")));
                case "positive" -> b.optPositiveLabel(kv[1]);
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        long start = System.nanoTime();
        DataSplits s = b.build().load();
        long nanos = System.nanoTime() - start;
        Runtime rt = Runtime.getRuntime();
        System.out.printf("load %.2f s; train %d eval %d; heap used after %.1f MiB%n", nanos / 1e9, s.train().size(),
                s.eval().size(), (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
        System.out.println("train " + digest(s.train()));
        System.out.println("eval  " + digest(s.eval()));
        MessageDigest m = MessageDigest.getInstance("SHA-256");
        s.standardization().ifPresent(st -> st.features().forEach(f -> m.update((f.name() + "|" + Double.doubleToRawLongBits(f.mean()) + "|" + Double.doubleToRawLongBits(f.std()) + ";").getBytes())));
        System.out.println("stats " + HexFormat.of().formatHex(m.digest()).substring(0, 16));
        System.out.println("params " + s.info().parameters());
    }

    static String digest(ExampleSet set) throws Exception {
        MessageDigest m = MessageDigest.getInstance("SHA-256");
        ByteBuffer buf = ByteBuffer.allocate(set.featuresPerExample() * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int e = 0; e < set.size(); e++) {
            buf.clear();
            for (int j = 0; j < set.featuresPerExample(); j++) buf.putFloat(set.feature(e, j));
            m.update(buf.array());
        }
        for (int l : set.labels()) { m.update((byte) l); m.update((byte) (l >> 8)); }
        m.update(String.join("|", set.classNames()).getBytes());
        m.update(String.join("|", set.featureNames()).getBytes());
        return HexFormat.of().formatHex(m.digest()).substring(0, 16);
    }
}
