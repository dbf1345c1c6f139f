package org.lacuna.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.lacuna.bench.Benchmark;
import org.lacuna.config.Json;
import org.lacuna.config.ModelConfig;
import org.lacuna.store.AtomicFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training and sampling speed (medians after warm-up) and start-up time.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--preset", defaultValue = "coco64", description = "the model to measure (default ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--conditioning", converter = ModelOptions.ConditioningConverter.class,
            description = "every-level (default) or top-only")
    org.lacuna.config.Conditioning conditioning;

    @Option(names = "--model", paramLabel = "FILE", description = "a model file for the start-up probe (default: the preset, untrained)")
    Path model;

    @Option(names = "--quick", description = "fewer repetitions and no start-up probe (a smoke test, not a measurement)")
    boolean quick;

    @Option(names = "--train-only", description = "measure only training at batch 32 (for A/B runs of settings)")
    boolean trainOnly;

    @Option(names = "--sample-only", description = "measure only sampling (for A/B runs of settings)")
    boolean sampleOnly;

    @Option(names = "--data", paramLabel = "DIR",
            description = "also time training from this image folder as a run does it (crops mode, the loader"
                    + " thread, a real trainer): the first ten steps and the rest")
    Path data;

    @Option(names = "--folder-steps", paramLabel = "N", defaultValue = "40",
            description = "steps of the folder measurement (default ${DEFAULT-VALUE})")
    int folderSteps;

    @Option(names = "--precision", paramLabel = "P",
            description = "float32 or bfloat16: measure only this precision of the direct path (default: float32,"
                    + " and bfloat16 (keys ..._bf16) where the CPU has it natively); sets lacuna.precision")
    String precision;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ModelConfig config = ModelOptions.model(preset, conditioning);
        Benchmark.Options options = quick ? new Benchmark.Options(1, 1, 1, 2, false) : Benchmark.Options.FULL;
        if (sampleOnly) {
            options = new Benchmark.Options(0, 0, 0, options.sampleRepetitions(), false);
        }
        if (trainOnly) {
            options = new Benchmark.Options(options.warmupSteps(), options.repetitions(), options.stepsPerRepetition(),
                    0, false);
        }
        if (precision != null) {
            System.setProperty(org.lacuna.model.Precision.PROPERTY, precision);
            String p = org.lacuna.model.Precision.setting();
            if (!p.equals("auto")) {
                options = options.withPrecisions(java.util.List.of(org.lacuna.model.Precision.current()));
            }
        }
        out.println("# precision: sampling " + org.lacuna.model.Precision.resolve().describe() + "; training "
                + org.lacuna.model.Precision.resolveTraining().describe());
        Benchmark benchmark = new Benchmark(config, options, line -> out.println("# " + line));
        Map<String, Object> result = new java.util.LinkedHashMap<>(benchmark.run(model));
        if (data != null) {
            result.putAll(benchmark.folderTraining(data, folderSteps));
        }
        for (Map.Entry<String, Object> e : result.entrySet()) {
            out.printf("%-20s %s%n", e.getKey(), e.getValue());
        }
        if (json != null) {
            AtomicFiles.writeString(json, Json.write(result));
        }
        return 0;
    }
}
