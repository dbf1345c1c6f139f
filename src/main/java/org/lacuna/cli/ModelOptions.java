package org.lacuna.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.lacuna.config.Conditioning;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.Presets;
import org.lacuna.model.Hvae;
import org.lacuna.model.ModelFiles;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Which model a command uses: a model file, or a preset's untrained model. */
final class ModelOptions {

    static final class Source {
        @Option(names = "--model", paramLabel = "FILE", description = "a Lacuna model file (.lacuna)")
        Path model;

        @Option(names = "--preset", paramLabel = "NAME", description = "an untrained model of a preset (coco64, fashion32)")
        String preset;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--conditioning", paramLabel = "MODE", converter = ConditioningConverter.class,
            description = "with --preset: every-level (default) or top-only")
    Conditioning conditioning;

    @Option(names = "--init-seed", paramLabel = "N", defaultValue = "1",
            description = "with --preset: seed of the initial weights (default ${DEFAULT-VALUE})")
    long initSeed;

    ModelConfig presetConfig() {
        return model(source.preset, conditioning);
    }

    /** A preset's config with a conditioning, when one is given. */
    static ModelConfig model(String preset, Conditioning conditioning) {
        ModelConfig config = Presets.get(preset);
        return conditioning == null ? config : config.withConditioning(conditioning);
    }

    Hvae load() throws IOException {
        org.lacuna.runtime.Backend.announce();
        if (source.model != null) {
            if (conditioning != null) {
                throw new IllegalArgumentException("--conditioning applies to --preset; a model file has its own");
            }
            return ModelFiles.load(source.model);
        }
        return Hvae.create(presetConfig(), initSeed);
    }

    static final class ConditioningConverter implements picocli.CommandLine.ITypeConverter<Conditioning> {
        @Override
        public Conditioning convert(String value) {
            return Cli.converted(() -> Conditioning.parse(value));
        }
    }
}
