package org.lacuna.cli;

import java.util.concurrent.Callable;

import org.lacuna.config.Json;
import org.lacuna.model.Hvae;
import org.lacuna.runtime.Backend;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print a model's configuration, its parameter count and the compute backend.")
final class InfoCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Hvae hvae = model.load();
        var out = spec.commandLine().getOut();
        out.println(Json.write(hvae.config()));
        out.println("latents: " + latents(hvae));
        out.println("parameters: " + hvae.parameterCount());
        out.println("backend: " + Backend.describe().summary());
        out.println("precision: sampling " + org.lacuna.model.Precision.resolve().describe() + "; training "
                + org.lacuna.model.Precision.resolveTraining().describe());
        return 0;
    }

    private static String latents(Hvae hvae) {
        StringBuilder sb = new StringBuilder();
        for (int l = 1; l <= hvae.config().levelCount(); l++) {
            long[] s = hvae.config().latentShape(l);
            sb.append(l > 1 ? ", " : "").append('z').append(l).append(' ').append(s[0]).append('x').append(s[1])
                    .append('x').append(s[2]);
        }
        return sb.toString();
    }
}
