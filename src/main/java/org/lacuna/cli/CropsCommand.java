package org.lacuna.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.lacuna.config.Hole;
import org.lacuna.config.MaskDistribution;
import org.lacuna.data.Images;
import org.lacuna.data.MaskFiles;
import org.lacuna.data.MaskSampler;
import org.lacuna.data.PhotoCrops;
import org.lacuna.data.Raster;
import org.lacuna.data.Seeds;
import org.lacuna.store.AtomicFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "crops", mixinStandardHelpOptions = true,
        description = {"Cut a reproducible set of test crops from photos, as PNG files for eval --data.",
                "Each crop is a square whose side is log-uniform between max(SIZE, short side / 10) and short side /"
                        + " 1.5 of the full-resolution photo, at a uniform position, Lanczos-resized to SIZE x SIZE;"
                        + " crops whose pixels' standard deviation is below 6 are drawn again. Crop i comes from"
                        + " photo i mod n (photos in the order of their contents' SHA-256) and from a generator"
                        + " seeded by (seed, i), so the same photos and seed give the same crops on any machine,"
                        + " whatever the files are named.",
                "With --masks, also a mask per crop (same name, white = hole, black = keep, for eval --masks):"
                        + " mask i is data.MaskSampler's mask of position i for the mask seed, so anyone gets the"
                        + " same test masks."})
final class CropsCommand implements Callable<Integer> {

    private static final int MAX_ATTEMPTS = 1000;

    @Parameters(paramLabel = "PHOTO", arity = "1..*", description = "the photos to cut")
    List<Path> photos;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to write (must be empty or new)")
    Path out;

    @Option(names = "--count", defaultValue = "1000", paramLabel = "N", description = "crops (default ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--size", defaultValue = "64", paramLabel = "PX", description = "crop side (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--masks", paramLabel = "DIR",
            description = "also write a mask per crop to this folder (must be empty or new, not inside --out)")
    Path masks;

    @Option(names = "--mask-seed", paramLabel = "S", description = "the masks' seed (default: --seed)")
    Long maskSeed;

    @Option(names = "--mask-kind", defaultValue = "free-form", paramLabel = "KIND",
            description = "the masks: free-form (strokes, ellipses, boxes, blobs, the centre square; 5-60%% of the"
                    + " crop) or centre (default ${DEFAULT-VALUE})")
    String maskKind;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (count < 1 || size < Images.MIN_SIDE) {
            throw new IllegalArgumentException("--count must be at least 1 and --size at least " + Images.MIN_SIDE);
        }
        if (Files.exists(out) && (!Files.isDirectory(out) || hasEntries(out))) {
            throw new IllegalArgumentException(out + " exists and is not an empty folder: crops go to a new folder");
        }
        MaskSampler sampler = null;
        if (masks != null) {
            if (masks.toAbsolutePath().normalize().startsWith(out.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("--masks " + masks + " is inside --out " + out
                        + ": eval --data would read the masks as crops");
            }
            if (Files.exists(masks) && (!Files.isDirectory(masks) || hasEntries(masks))) {
                throw new IllegalArgumentException(masks + " exists and is not an empty folder: masks go to a new"
                        + " folder");
            }
            sampler = new MaskSampler(MaskDistribution.parse(maskKind), size, Hole.centred(size, size / 2),
                    maskSeed == null ? seed : maskSeed);
        }
        java.util.Map<Path, String> digests = new java.util.HashMap<>();
        for (Path p : photos) {
            digests.put(p, sha256(p));
        }
        List<Path> sorted = new ArrayList<>(photos);
        sorted.sort(Comparator.comparing(digests::get));
        List<Raster> decoded = new ArrayList<>();
        for (Path p : sorted) {
            Raster r = Images.read(p, 3);
            if (Math.min(r.width(), r.height()) < size) {
                throw new IOException(p + ": " + r.width() + "x" + r.height() + " is smaller than a " + size + "px crop");
            }
            decoded.add(r);
        }
        Files.createDirectories(out);
        if (masks != null) {
            Files.createDirectories(masks);
        }
        StringBuilder manifest = new StringBuilder("file\tsource\n");
        var printer = spec.commandLine().getOut();
        for (int i = 0; i < count; i++) {
            int k = i % sorted.size();
            SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, i));
            Raster crop = null;
            for (int a = 0; a < MAX_ATTEMPTS && (crop == null || PhotoCrops.isFlat(crop)); a++) {
                crop = PhotoCrops.drawOnce(decoded.get(k), size, rng);
            }
            if (PhotoCrops.isFlat(crop)) {
                throw new IOException(sorted.get(k) + ": no crop out of " + MAX_ATTEMPTS + " is textured enough"
                        + " (standard deviation of at least " + PhotoCrops.MIN_STD + ")");
            }
            String name = String.format(Locale.ROOT, "crop-%05d.png", i);
            Images.write(crop, out.resolve(name));
            if (sampler != null) {
                MaskFiles.write(sampler.mask(i), masks.resolve(name));
            }
            manifest.append(name).append('\t').append(sorted.get(k).getFileName()).append('\n');
        }
        AtomicFiles.writeString(out.resolve("crops.tsv"), manifest.toString());
        printer.printf("wrote %d crops of %d photos to %s (seed %d)%n", count, sorted.size(), out, seed);
        if (sampler != null) {
            printer.printf("wrote their %s masks to %s (mask seed %d)%n", sampler.distribution().label(), masks,
                    maskSeed == null ? seed : maskSeed);
        }
        return 0;
    }

    private static String sha256(Path file) throws IOException {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasEntries(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }
}
