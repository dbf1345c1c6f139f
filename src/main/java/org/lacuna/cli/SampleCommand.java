package org.lacuna.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.lacuna.config.ModelConfig;
import org.lacuna.config.SampleConfig;
import org.lacuna.data.Images;
import org.lacuna.data.Raster;
import org.lacuna.model.Hvae;
import org.lacuna.sample.CompletionTree;
import org.lacuna.sample.Inpainter;
import org.lacuna.sample.TreeGrid;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Fill the hole of an image's window with a tree of completions and write them as one PNG grid.")
final class SampleCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Option(names = "--image", required = true, paramLabel = "IMG", description = "the photo (PNG, JPEG, BMP, GIF, WebP)")
    Path image;

    @Option(names = "--window", paramLabel = "X,Y,SIDE", split = ",",
            description = "the square window in image pixels (default: the largest centred square)")
    int[] window;

    @Option(names = "--branching", paramLabel = "B", split = ",", required = true,
            description = "samples per latent level, top level first (0 = the prior's mean), e.g. 2,2,4")
    int[] branching;

    @Option(names = "--temperature", paramLabel = "T", split = ",",
            description = "prior temperature per level, top level first (default 0.5 each; 1 is the model's own prior)")
    double[] temperature;

    @Option(names = "--seed", defaultValue = "7", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--scale", defaultValue = "1", description = "enlarge each tile by this factor (default ${DEFAULT-VALUE})")
    int scale;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the grid image to write (.png)")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Cli.checkOutput("--out", out, true, image, model.source == null ? null : model.source.model);
        Hvae hvae = model.load();
        ModelConfig config = hvae.config();
        double[] temperatures = temperature != null ? temperature
                : SampleConfig.everyLevel(branching.length, SampleConfig.DEFAULT_TEMPERATURE);
        SampleConfig request = new SampleConfig(branching, temperatures, seed);
        if (request.levels() != config.levelCount()) {
            throw new IllegalArgumentException("--branching needs " + config.levelCount() + " counts (one per level), got "
                    + branching.length);
        }
        Raster photo = Images.read(image, config.channels());
        Raster square = window == null ? Images.centreSquare(photo) : crop(photo);
        Raster input = Images.resize(square, config.imageSize(), config.imageSize());
        long start = System.nanoTime();
        CompletionTree tree = new Inpainter(hvae).sample(input, request);
        long ms = (System.nanoTime() - start) / 1_000_000;
        TreeGrid.Layout layout = TreeGrid.render(tree, config.hole(), scale);
        Images.write(layout.image(), out);
        spec.commandLine().getOut().printf("%d completions in %d ms -> %s%n", tree.leaves().size(), ms, out);
        return 0;
    }

    private Raster crop(Raster photo) {
        if (window.length != 3) {
            throw new IllegalArgumentException("--window takes X,Y,SIDE");
        }
        int x = window[0], y = window[1], side = window[2];
        if (side < Images.MIN_SIDE) {
            throw new IllegalArgumentException("--window " + x + "," + y + "," + side + ": a window of " + side
                    + " pixels is too small; its side must be at least " + Images.MIN_SIDE + " pixels (the model's "
                    + "window is resized from it)");
        }
        if (x < 0 || y < 0 || x + side > photo.width() || y + side > photo.height()) {
            throw new IllegalArgumentException("--window " + x + "," + y + "," + side + " is not inside " + image + " ("
                    + photo.width() + "x" + photo.height() + ")");
        }
        return Images.crop(photo, x, y, side, side);
    }
}
