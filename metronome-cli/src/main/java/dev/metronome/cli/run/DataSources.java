package dev.metronome.cli.run;

import dev.metronome.cli.config.ConfigException;
import dev.metronome.cli.config.DataSection;
import dev.metronome.data.DataSource;
import dev.metronome.data.fashion.FashionMnist;
import dev.metronome.data.fraud.FraudSynthetic;
import dev.metronome.data.tabular.CsvDataset;
import java.nio.file.Path;

/** Turns the {@code data:} section into the dataset it names. Nothing is read until {@code load()}. */
public final class DataSources {

    private DataSources() {}

    /**
     * Creates the data source.
     *
     * @param data the section
     * @param seed the seed of seeded splits (csv without an eval file, fraud-synthetic)
     * @return the source
     * @throws ConfigException if a setting cannot apply to the chosen dataset
     */
    public static DataSource of(DataSection data, long seed) {
        return switch (data.name()) {
            case "fashion-mnist-mini" -> FashionMnist.mini().withNormalization(data.normalize());
            case "fashion-mnist" -> (data.path() == null ? FashionMnist.fromDefaultDirectory()
                    : FashionMnist.fromDirectory(Path.of(data.path()))).withNormalization(data.normalize());
            case "fraud-synthetic" -> {
                if (!data.standardize()) {
                    throw new ConfigException("data.standardize", "data.standardize: false: fraud-synthetic is always "
                            + "standardised on its training split; expected true");
                }
                yield FraudSynthetic.of(seed, data.examples(), data.evalFraction());
            }
            case "csv" -> csv(data, seed);
            default -> throw new IllegalArgumentException("unknown dataset " + data.name());
        };
    }

    private static DataSource csv(DataSection data, long seed) {
        CsvDataset.Builder builder = CsvDataset.builder(Path.of(data.path()), data.label())
                .optEvalFraction(data.evalFraction())
                .optSeed(seed)
                .optStandardize(data.standardize())
                .optLicence(data.licence())
                .optDataClass(data.dataClass());
        if (!data.features().isEmpty()) {
            builder.optFeatureColumns(data.features());
        }
        if (data.evalPath() != null) {
            builder.optEvalFile(Path.of(data.evalPath()));
        }
        if (data.positiveLabel() != null) {
            builder.optPositiveLabel(data.positiveLabel());
        }
        return builder.build();
    }
}
