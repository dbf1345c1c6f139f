package org.lacuna.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.lacuna.model.Backend;
import org.lacuna.train.NpzWeights;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a model's weights into a NumPy .npz: one float32 array per weight, under its design name.",
                "A training checkpoint's EMA weights are exported when it has them, else its weights."})
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "a Lacuna model file (.lacuna)")
    Path model;

    @Option(names = "--npz", required = true, paramLabel = "FILE", description = "the .npz to write")
    Path npz;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Backend.announce();
        NpzWeights.Exported done = NpzWeights.exportModelFile(model, npz);
        var out = spec.commandLine().getOut();
        out.println("model: " + done.config().name() + " (" + done.config().conditioning() + ")");
        out.println("weights: " + done.group() + (done.group().equals(NpzWeights.EMA)
                ? " (the checkpoint's exponential moving average)"
                : " (the file has no EMA weights)"));
        out.println("parameters: " + done.parameters());
        out.println("names: " + done.names());
        out.println("wrote " + npz);
        return 0;
    }
}
