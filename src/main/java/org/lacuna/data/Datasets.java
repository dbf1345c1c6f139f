package org.lacuna.data;

import org.lacuna.config.ExampleMode;
import org.lacuna.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens data sources: a folder of images (searched recursively) or a folder of IDX files (one holding
 * {@code train-images-idx3-ubyte[.gz]} and/or {@code t10k-images-idx3-ubyte[.gz]}; a path to such a file works
 * too). Everything is decoded once, here, on the calling thread (with a few helper threads), so call it off the UI
 * thread; interruption cancels it with an {@link java.io.InterruptedIOException}.
 *
 * <p>Image folders: files named .png, .jpg, .jpeg, .bmp, .gif or .webp (any case) in the folder and its
 * sub-folders, in order of their relative path; hidden files and folders are left out. Files that cannot be decoded,
 * are empty, or whose short side is under half the model's size (at least 8 pixels) are skipped and listed in the
 * report; a folder without a usable image is an IOException naming it.
 *
 * <p>Split: image folders are split by file (crops of one photo never land on both sides), IDX training data by
 * image index of the train file; both depend only on the seed and the file names or indices. With a validation
 * fraction above 0, each side gets at least one file; a folder with a single usable file gives a validation side
 * that reuses that file (different fixed crops in crops mode, the same image in resize mode), and the report says
 * so. A fraction of 0 gives an empty validation side.
 *
 * <p>Crops: a training epoch is {@code max(64 x photos, 1024)} examples, new windows every epoch; the validation
 * side is {@code max(16 x photos, 256)} windows fixed across epochs (the epoch is ignored) so validation losses
 * compare.
 */
public final class Datasets {

    private static final Logger LOG = LoggerFactory.getLogger(Datasets.class);

    /** Where Fashion-MNIST is installed by default. */
    public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    /** Crops per training photo per epoch, and the least crops in a training epoch. */
    public static final int CROPS_PER_FILE = 64;
    public static final int MIN_CROPS = 1024;
    /** Fixed validation crops per validation photo, and the least validation crops. */
    public static final int VALIDATION_CROPS_PER_FILE = 16;
    public static final int MIN_VALIDATION_CROPS = 256;

    private static final long SPLIT = 0x73706C6974L;
    private static final long TRAIN_CROPS = 0x747261696EL;
    private static final long VALIDATION_CROPS = 0x76616C6964L;

    private Datasets() {
    }

    /** Prepared pixels kept in memory: 1.5 GB, or half the maximum heap when that is smaller. */
    public static long defaultMemoryBudget() {
        return Math.min(1536L << 20, Runtime.getRuntime().maxMemory() / 2);
    }

    /** Opens a run's data: its folder, mode, validation fraction, seed and flips. */
    public static DataSplit openForTraining(Path path, int imageSize, int channels, TrainConfig train)
            throws IOException {
        return openForTraining(path, imageSize, channels, train.mode(), train.validationFraction(), train.seed(),
                defaultMemoryBudget(), train.flips());
    }

    /** Opens an image folder or a folder of IDX files for training (IDX: its train file, split by index). */
    public static DataSplit openForTraining(Path path, int imageSize, int channels, ExampleMode mode,
                                            double validationFraction, long seed) throws IOException {
        return openForTraining(path, imageSize, channels, mode, validationFraction, seed, defaultMemoryBudget(), false);
    }

    /**
     * As above, with the bytes of prepared pixels to keep in memory; the rest go to a temporary file (deleted when
     * no longer needed), so every image is decoded once either way.
     */
    public static DataSplit openForTraining(Path path, int imageSize, int channels, ExampleMode mode,
                                            double validationFraction, long seed, long memoryBudget)
            throws IOException {
        return openForTraining(path, imageSize, channels, mode, validationFraction, seed, memoryBudget, false);
    }

    /** As above; with {@code flips}, crops-mode training examples are mirrored left-right half the time. */
    public static DataSplit openForTraining(Path path, int imageSize, int channels, ExampleMode mode,
                                            double validationFraction, long seed, long memoryBudget, boolean flips)
            throws IOException {
        checkShape(imageSize, channels);
        if (mode == null) {
            throw new IllegalArgumentException("example mode is missing (resize or crops)");
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), not " + validationFraction);
        }
        Path idx = idxFile(path, IdxImages.TRAIN, "training");
        DataSplit split = idx != null
                ? openIdx(path, idx, imageSize, channels, mode, validationFraction, seed)
                : openFolder(path, imageSize, channels, mode, validationFraction, seed, memoryBudget, flips);
        LOG.info("{}; {} training and {} validation examples per epoch", split.report().summary(),
                split.train().size(), split.validation().size());
        split.report().notes().forEach(n -> LOG.info("{}: {}", path, n));
        return split;
    }

    /** For evaluation: an image folder (every usable image, RESIZE mode) or an IDX folder's t10k file. */
    public static Dataset openForEvaluation(Path path, int imageSize, int channels) throws IOException {
        return openEvaluationData(path, imageSize, channels).dataset();
    }

    /** As {@link #openForEvaluation}, with the report of skipped files. */
    public static EvaluationData openEvaluationData(Path path, int imageSize, int channels) throws IOException {
        checkShape(imageSize, channels);
        Path idx = idxFile(path, IdxImages.TEST, "evaluation");
        if (idx != null) {
            IdxImages images = IdxImages.read(idx);
            DataReport report = new DataReport(path, 1, 0, List.of()).withNote(describe(images, imageSize));
            return new EvaluationData(new IdxDataset(images, null, imageSize, channels), report);
        }
        ImageFolder.Scan scan = ImageFolder.scan(folder(path), imageSize, channels,
                r -> ResizeDataset.prepare(r, imageSize), defaultMemoryBudget());
        return new EvaluationData(new ResizeDataset(scan.images()), scan.report());
    }

    /** Whether a path is IDX data: a folder holding the train or t10k images file, or such a file. */
    public static boolean isIdx(Path path) {
        if (Files.isDirectory(path)) {
            return IdxImages.find(path, IdxImages.TRAIN) != null || IdxImages.find(path, IdxImages.TEST) != null;
        }
        return Files.isRegularFile(path) && IdxImages.isIdxName(path);
    }

    /** The number of validation files or examples out of n: round(fraction x n), at least 1 and at most n - 1. */
    static int validationCount(int n, double fraction) {
        if (fraction <= 0 || n < 2) {
            return 0;
        }
        return (int) Math.max(1, Math.min(n - 1, Math.round(fraction * n)));
    }

    private static void checkShape(int imageSize, int channels) {
        if (imageSize < Images.MIN_SIDE || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException("examples must be at least " + Images.MIN_SIDE + " pixels and 1 or 3"
                    + " channels, not " + imageSize + "x" + imageSize + "x" + channels);
        }
    }

    /** The IDX file to read for a purpose, or null when the path is not IDX data. */
    private static Path idxFile(Path path, String base, String purpose) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such folder or file");
        }
        if (Files.isRegularFile(path)) {
            if (IdxImages.isIdxName(path)) {
                return path;
            }
            throw new IOException(path + ": a file, not a folder of images or IDX files");
        }
        if (!isIdx(path)) {
            return null;
        }
        Path file = IdxImages.find(path, base);
        if (file == null) {
            throw new IOException(path + ": an IDX folder without " + base + "[.gz], which " + purpose + " reads");
        }
        return file;
    }

    private static Path folder(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such folder or file");
        }
        if (!Files.isDirectory(path)) {
            throw new IOException(path + ": a file, not a folder of images or IDX files");
        }
        return path;
    }

    private static DataSplit openIdx(Path path, Path file, int imageSize, int channels, ExampleMode mode,
                                     double fraction, long seed) throws IOException {
        IdxImages images = IdxImages.read(file);
        int n = images.count();
        int k = validationCount(n, fraction);
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, SPLIT));
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] validation = Arrays.copyOfRange(order, 0, k);
        int[] train = Arrays.copyOfRange(order, k, n);
        Arrays.sort(validation);
        Arrays.sort(train);
        DataReport report = new DataReport(path, 1, 0, List.of()).withNote(describe(images, imageSize))
                .withNote("split by image index: " + train.length + " training, " + validation.length
                        + " validation images");
        if (n == 1 && fraction > 0) {
            validation = train;
            report = report.withNote("only one image: validation reuses it (not held out)");
        }
        if (mode == ExampleMode.CROPS) {
            report = report.withNote("crops mode does not apply to IDX data: each image is used whole");
        }
        return new DataSplit(new IdxDataset(images, train, imageSize, channels),
                new IdxDataset(images, validation, imageSize, channels), report);
    }

    private static String describe(IdxImages images, int imageSize) {
        boolean fits = images.rows() <= imageSize && images.columns() <= imageSize;
        return images.file().getFileName() + ": " + images.count() + " images of " + images.rows() + "x"
                + images.columns() + (fits ? ", centred on a black " : ", centre squares resized to ") + imageSize
                + "x" + imageSize;
    }

    private static DataSplit openFolder(Path path, int imageSize, int channels, ExampleMode mode, double fraction,
                                        long seed, long budget, boolean flips) throws IOException {
        UnaryOperator<Raster> prepare = mode == ExampleMode.RESIZE ? r -> ResizeDataset.prepare(r, imageSize)
                : r -> CropDataset.prepare(r, imageSize);
        ImageFolder.Scan scan = ImageFolder.scan(folder(path), imageSize, channels, prepare, budget);
        List<ImageSource> all = scan.images();
        int n = all.size();
        int k = validationCount(n, fraction);
        List<ImageSource> byScore = new ArrayList<>(all);
        byScore.sort(Comparator.comparingLong((ImageSource s) -> Seeds.mix(seed, SPLIT, Seeds.hash(s.name())))
                .thenComparing(ImageSource::name));
        List<ImageSource> validationFiles = new ArrayList<>(byScore.subList(0, k));
        java.util.Set<ImageSource> held = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        held.addAll(validationFiles);
        List<ImageSource> train = all.stream().filter(s -> !held.contains(s)).toList();
        validationFiles.sort(Comparator.comparing(ImageSource::name));
        DataReport report = scan.report().withNote("split by file: " + train.size() + " training, " + k
                + " validation files");
        if (n == 1 && fraction > 0) {
            validationFiles = train;
            report = report.withNote("only one usable file: validation reuses it ("
                    + (mode == ExampleMode.CROPS ? "other, fixed crops of the same photo" : "the same image")
                    + "), so the validation loss is not held out");
        }
        if (mode == ExampleMode.RESIZE) {
            return new DataSplit(new ResizeDataset(train), new ResizeDataset(validationFiles), report);
        }
        int trainSize = Math.max(CROPS_PER_FILE * train.size(), MIN_CROPS);
        int validationSize = validationFiles.isEmpty() ? 0
                : Math.max(VALIDATION_CROPS_PER_FILE * validationFiles.size(), MIN_VALIDATION_CROPS);
        report = report.withNote("crops: " + trainSize + " training examples per epoch (new windows each epoch), "
                + validationSize + " fixed validation crops" + (flips ? "; training crops mirrored half the time" : ""));
        return new DataSplit(
                new CropDataset(train, imageSize, trainSize, Seeds.mix(seed, TRAIN_CROPS), false, flips),
                new CropDataset(validationFiles, imageSize, validationSize, Seeds.mix(seed, VALIDATION_CROPS), true, false),
                report);
    }
}
