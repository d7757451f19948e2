package dev.metronome.cli.run;

import dev.metronome.cli.config.RunConfig;
import dev.metronome.coordination.Rendezvous;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The product's task factory: hands each run to the engine its configuration names ({@code
 * engine.name}: {@code djl} or {@code torch}). Nothing native loads before that choice, and a
 * process loads one engine's libtorch only: asking for the other one afterwards is a one-line
 * error naming {@code engine.name}.
 */
public final class EngineTaskFactory implements TaskFactory {

    private final TaskFactory djl = new DjlTaskFactory();
    private final TaskFactory torch = new TorchTaskFactory();

    private TaskFactory of(String engine) {
        return switch (engine) {
            case "torch" -> torch;
            case "djl" -> djl;
            default -> throw new IllegalArgumentException("engine.name: unknown engine '" + engine + "'; expected djl or torch");
        };
    }

    @Override
    public PreparedTask create(RunConfig config) throws IOException {
        return of(config.engine().name()).create(config);
    }

    @Override
    public GroupTask createInGroup(RunConfig config, Rendezvous rendezvous) throws IOException {
        return of(config.engine().name()).createInGroup(config, rendezvous);
    }

    /** @return every engine's libraries: {@code djl}, {@code pytorch} (DJL's), and the torch engine's */
    @Override
    public Map<String, String> engineVersions() {
        Map<String, String> versions = new LinkedHashMap<>(djl.engineVersions());
        Map<String, String> torchVersions = torch.engineVersions();
        versions.put("torch engine", "PyTorch " + torchVersions.get("pytorch") + " (bytedeco " + torchVersions.get("bytedeco")
                + ")");
        return versions;
    }

    @Override
    public Map<String, String> engineVersions(String engine) {
        return of(engine).engineVersions();
    }
}
