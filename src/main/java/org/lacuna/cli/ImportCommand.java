package org.lacuna.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.lacuna.config.Conditioning;
import org.lacuna.config.ModelConfig;
import org.lacuna.model.Hvae;
import org.lacuna.model.ModelFiles;
import org.lacuna.runtime.Backend;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Build a preset's model, load its weights from a NumPy .npz of named float32 arrays, and save "
                + "it as a Lacuna model file.",
                "Every weight must be there with its exact shape and nothing else; otherwise nothing is written."})
final class ImportCommand implements Callable<Integer> {

    @Option(names = "--npz", required = true, paramLabel = "FILE", description = "the .npz to read")
    Path npz;

    @Option(names = "--preset", required = true, paramLabel = "NAME", description = "the model's preset (coco64, fashion32)")
    String preset;

    @Option(names = "--conditioning", paramLabel = "MODE", converter = ModelOptions.ConditioningConverter.class,
            description = "every-level (default) or top-only")
    Conditioning conditioning;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the model file to write (.lacuna)")
    Path out;

    @Option(names = "--force", description = "replace --out when it exists")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ModelConfig config = ModelOptions.model(preset, conditioning);
        Cli.checkOutput("--out", out, force, npz);
        Backend.announce();
        Hvae model = ModelFiles.importNpz(config, npz);
        for (var weight : model.parameters().entrySet()) {
            org.nd4j.linalg.api.ndarray.INDArray a = weight.getValue();
            if (a.isInfinite().any() || a.isNaN().any()) {
                throw new IllegalArgumentException(npz + ": the weight " + weight.getKey() + " holds NaN or infinite"
                        + " values; nothing was written");
            }
        }
        ModelFiles.save(model, 0, out);
        var print = spec.commandLine().getOut();
        print.println("model: " + config.name() + " (" + config.conditioning() + ")");
        print.println("parameters: " + model.parameterCount());
        print.println("names: " + model.parameterNames().size());
        print.println("wrote " + out);
        return 0;
    }
}
