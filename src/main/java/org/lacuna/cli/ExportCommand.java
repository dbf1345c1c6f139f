package org.lacuna.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.lacuna.model.ModelFiles;
import org.lacuna.runtime.Backend;
import org.lacuna.store.ModelFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a model's weights into a NumPy .npz: one float32 array per weight, under its design name.",
                "A training checkpoint's EMA weights are exported when it has them, else its weights."})
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "a Lacuna model file (.lacuna)")
    Path model;

    static final class Target {
        @Option(names = "--npz", required = true, paramLabel = "FILE", description = "the .npz to write")
        Path npz;

        @Option(names = "--lacuna", required = true, paramLabel = "FILE",
                description = "instead: a slim model file for sampling (the EMA weights as its weights, no optimizer"
                        + " state; a quarter of a checkpoint's size), e.g. to ship")
        Path lacuna;
    }

    @Option(names = "--steps-before", paramLabel = "N", defaultValue = "0",
            description = "with --lacuna: add N to the recorded step (the steps the weights had before a run that was"
                    + " warm-started with --init, whose own count starts at 0)")
    long stepsBefore;

    @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Cli.checkOutput(target.lacuna != null ? "--lacuna" : "--npz",
                target.lacuna != null ? target.lacuna : target.npz, true, model);
        Backend.announce();
        var out = spec.commandLine().getOut();
        if (target.lacuna != null) {
            long step = ModelFiles.saveForSampling(model, target.lacuna, stepsBefore);
            out.println("wrote " + target.lacuna + " (weights of step " + step + ")");
            return 0;
        }
        Path npz = target.npz;
        ModelFiles.Exported done = ModelFiles.exportNpz(model, npz);
        out.println("model: " + done.config().name() + " (" + done.config().conditioning() + ")");
        out.println("weights: " + done.group() + (done.group().equals(ModelFile.EMA)
                ? " (the checkpoint's exponential moving average)"
                : " (the file has no EMA weights)"));
        out.println("parameters: " + done.parameters());
        out.println("names: " + done.names());
        out.println("wrote " + npz);
        return 0;
    }
}
