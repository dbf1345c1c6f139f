package org.lacuna.data;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the image files under a folder (recursively, following links, leaving out hidden files and folders),
 * decodes each once and prepares it, and keeps the prepared rasters in memory up to a budget (the rest in a
 * temporary file, see {@link PixelSpill}). Files that cannot be used are skipped, logged once and listed with the
 * reason.
 */
final class ImageFolder {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFolder.class);

    /** File name extensions (lower case) that are taken as images. */
    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "webp");

    private static final int CHUNK = 32;

    /** The usable images of a folder, in file-name order, and the skipped files. */
    record Scan(Path root, List<ImageSource> images, List<String> skipped, long storedBytes) {
        DataReport report() {
            DataReport report = new DataReport(root, images.size(), skipped.size(), skipped);
            for (String note : heldOutNotes(images.stream().map(ImageSource::name).toList())) {
                report = report.withNote(note);
            }
            return report;
        }
    }

    /** Sub-folder names that usually hold images kept out of training. */
    static final Set<String> HELD_OUT_NAMES = Set.of("test", "tests", "testing", "val", "valid", "validation",
            "holdout", "held-out", "eval", "evaluation");

    private ImageFolder() {
    }

    /**
     * A note for each sub-folder with a held-out name ({@code test/}, {@code val/}, ...) among the relative names of
     * the usable images: the scan is recursive, so such a folder's images are read like the others.
     */
    static List<String> heldOutNotes(List<String> names) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (String name : names) {
            String[] parts = name.split("/");
            for (int i = 0; i < parts.length - 1; i++) {
                if (HELD_OUT_NAMES.contains(parts[i].toLowerCase(Locale.ROOT))) {
                    counts.merge(String.join("/", java.util.Arrays.copyOfRange(parts, 0, i + 1)) + "/", 1,
                            Integer::sum);
                    break;
                }
            }
        }
        List<String> notes = new ArrayList<>();
        counts.forEach((folder, n) -> notes.add("the sub-folder " + folder + " holds " + n + " of these images and"
                + " is read like the rest (the folder is searched recursively): move it out if it is a test set"));
        return notes;
    }

    /** The shortest side an image must have to give {@code imageSize} examples: half the model's size, at least 8. */
    static int minShortSide(int imageSize) {
        return Math.max(Images.MIN_SIDE, imageSize / 2);
    }

    /**
     * Scans, decodes and prepares every image under {@code root}.
     *
     * @param prepare     turns a decoded raster into the one to keep (must be deterministic)
     * @param budgetBytes prepared pixels kept in memory at most; the rest go to a temporary file
     * @throws IOException naming the folder when no file is usable; InterruptedIOException when interrupted
     */
    static Scan scan(Path root, int imageSize, int channels, UnaryOperator<Raster> prepare, long budgetBytes)
            throws IOException {
        List<String> skipped = new ArrayList<>();
        List<Path> files = candidates(root, skipped);
        if (files.isEmpty() && skipped.isEmpty()) {
            throw new IOException("no images in " + root + ": it and its sub-folders hold no PNG, JPEG, BMP, GIF or"
                    + " WebP file");
        }
        int minSide = minShortSide(imageSize);
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lacuna-decode");
            t.setDaemon(true);
            return t;
        });
        List<ImageSource> images = new ArrayList<>();
        long stored = 0;
        PixelSpill spill = null;
        try {
            for (int start = 0; start < files.size(); start += CHUNK) {
                List<Callable<Object>> tasks = new ArrayList<>();
                for (Path file : files.subList(start, Math.min(files.size(), start + CHUNK))) {
                    tasks.add(() -> decode(file, channels, minSide, imageSize, prepare));
                }
                List<Future<Object>> results = pool.invokeAll(tasks);
                for (int i = 0; i < results.size(); i++) {
                    Path file = files.get(start + i);
                    String name = relativeName(root, file);
                    Object result = results.get(i).get();
                    if (result instanceof Raster raster) {
                        long bytes = (long) raster.width() * raster.height() * raster.channels();
                        if (stored + bytes <= budgetBytes) {
                            images.add(ImageSource.inMemory(file, name, raster));
                            stored += bytes;
                        } else {
                            spill = spill != null ? spill : PixelSpill.create();
                            images.add(ImageSource.spilled(file, name, spill, spill.append(raster), raster));
                        }
                    } else {
                        skip(skipped, file, name, (String) result);
                    }
                }
                if (files.size() > 500 && (start / CHUNK) % 32 == 31) {
                    LOG.info("{}: decoded {} of {} images", root, start + results.size(), files.size());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("reading the images of " + root + " was cancelled");
        } catch (ExecutionException e) {
            throw new IOException("reading the images of " + root + " failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (images.isEmpty()) {
            throw new IOException("no usable images in " + root + ": all " + skipped.size() + " image files were"
                    + " skipped (" + String.join("; ", skipped.subList(0, Math.min(3, skipped.size())))
                    + (skipped.size() > 3 ? "; ..." : "") + ")");
        }
        LOG.info("{}: {} usable images, {} skipped, {} MB of prepared pixels in memory{}", root, images.size(),
                skipped.size(), stored >> 20, spill == null ? "" : ", " + (spill.length() >> 20) + " MB over the"
                        + " memory budget in a temporary file");
        return new Scan(root, List.copyOf(images), List.copyOf(skipped), stored);
    }

    /** The prepared raster, or the reason the file cannot be used. */
    private static Object decode(Path file, int channels, int minSide, int imageSize, UnaryOperator<Raster> prepare) {
        try {
            Raster raster = Images.read(file, channels);
            if (Math.min(raster.width(), raster.height()) < minSide) {
                return "the image is " + raster.width() + "x" + raster.height() + " pixels; " + imageSize + "x"
                        + imageSize + " examples need at least " + minSide + " pixels on the short side";
            }
            return prepare.apply(raster);
        } catch (ImageFormatException e) {
            String message = e.getMessage();
            String prefix = file + ": ";
            return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        } catch (IOException e) {
            return "cannot be read (" + e + ")";
        } catch (RuntimeException | OutOfMemoryError e) {
            return "cannot be decoded (" + e + ")";
        }
    }

    private static void skip(List<String> skipped, Path file, String name, String reason) {
        LOG.warn("skipped {}: {}", file, reason);
        skipped.add(name + ": " + reason);
    }

    /** Image files under root, sorted by their relative name; unreadable folders go to {@code skipped}. */
    static List<Path> candidates(Path root, List<String> skipped) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile() && !hidden(file) && isImageName(file)) {
                            files.add(file);
                        } else if (attrs.isSymbolicLink() && !hidden(file) && isImageName(file)) {
                            // followed links arrive with their targets' attributes: this one leads nowhere
                            String target;
                            try {
                                target = String.valueOf(Files.readSymbolicLink(file));
                            } catch (IOException | UnsupportedOperationException e) {
                                target = "?";
                            }
                            skip(skipped, file, relativeName(root, file), "a link to " + target
                                    + ", which does not exist");
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (file.equals(root)) {
                            throw e;
                        }
                        if (e instanceof FileSystemLoopException) {
                            LOG.debug("{}: a link loop, not followed", file);
                        } else if (isImageName(file) || Files.isDirectory(file)) {
                            skip(skipped, file, relativeName(root, file), "cannot be read ("
                                    + (e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        files.sort((a, b) -> relativeName(root, a).compareTo(relativeName(root, b)));
        return files;
    }

    static boolean isImageName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean hidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /** The path of a file relative to root, with '/' separators (the same on every platform). */
    static String relativeName(Path root, Path file) {
        Path rel = root.relativize(file);
        StringBuilder sb = new StringBuilder();
        for (Path part : rel) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }
}
