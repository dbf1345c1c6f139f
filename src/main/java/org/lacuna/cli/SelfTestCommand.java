package org.lacuna.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

import org.lacuna.config.SampleConfig;
import org.lacuna.runtime.Backend;
import org.lacuna.service.DemoPhotos;
import org.lacuna.service.ModelInfo;
import org.lacuna.service.ModelService;
import org.lacuna.service.Picture;
import org.lacuna.service.SampleResult;
import org.lacuna.service.ServiceExecutors;
import org.lacuna.service.WindowRect;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Checks an installation end to end, headless, through the same service the app uses: ND4J's natives (and whether
 * the oneDNN build is in use), the shipped model, a demo photo, one completion of its default window, and the
 * classical fills (OpenCV's natives). The app image's build runs it inside the image.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = "Check this installation: load the shipped model, sample one completion of a demo photo and "
                + "fill it with Navier-Stokes; exit 0 when all of it works.")
final class SelfTestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        Backend backend = Backend.describe();
        out.println("backend: " + backend.summary());
        out.println("natives: " + backend.library());
        try (ModelService service = new ModelService(ServiceExecutors.background())) {
            Optional<ModelInfo> model = get(service.openShippedModel());
            if (model.isEmpty()) {
                throw new IOException("this build carries no shipped model (" + ModelService.SHIPPED_MODEL + ")");
            }
            ModelInfo info = model.get();
            out.printf("model: %s, %,d parameters%n", info.label(), info.parameters());
            List<DemoPhotos.Demo> demos = DemoPhotos.all();
            if (demos.isEmpty()) {
                throw new IOException("this build carries no demo photos (/demo/index.tsv)");
            }
            DemoPhotos.Demo demo = demos.get(0);
            Picture photo = get(service.openDemo(demo));
            WindowRect window = WindowRect.defaultFor(photo.width(), photo.height(), info.config().imageSize());
            out.printf("photo: %s (%dx%d), window %d,%d,%d%n", demo.file(), photo.width(), photo.height(), window.x(),
                    window.y(), window.side());
            int[] one = new int[info.config().levelCount()];
            java.util.Arrays.fill(one, 1);
            SampleResult result = get(service.sample(photo, window, new SampleConfig(one, null, 7), p -> { })
                    .result());
            if (result.completions().size() != 1) {
                throw new IllegalStateException("asked for one completion, got " + result.completions().size());
            }
            out.printf("sampled: %d completion in %d ms; classical fills: %s%n", result.completions().size(),
                    result.millis(), String.join(", ", result.baselines().keySet()));
        }
        out.printf("selftest: ok (%.1f s)%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static <T> T get(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception c ? c : e;
        }
    }
}
