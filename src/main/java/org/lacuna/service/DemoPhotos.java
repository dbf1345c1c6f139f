package org.lacuna.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lacuna.data.Images;

/**
 * The demo photos shipped on the class path under /demo/ (from the project's assets/demo): a few varied photos the
 * shipped model never trained on, each with its author and licence, listed in /demo/index.tsv.
 */
public final class DemoPhotos {

    /** One demo photo: its file under /demo/, a title for menus, and where it came from. */
    public record Demo(String file, String title, String author, String source, String licence) {
    }

    private static final String INDEX = "/demo/index.tsv";
    private static volatile List<Demo> all;

    private DemoPhotos() {
    }

    /** The demo photos in the index's order; empty when the build carries none. */
    public static List<Demo> all() {
        List<Demo> list = all;
        if (list == null) {
            list = readIndex();
            all = list;
        }
        return list;
    }

    private static List<Demo> readIndex() {
        try (InputStream in = DemoPhotos.class.getResourceAsStream(INDEX)) {
            if (in == null) {
                return List.of();
            }
            List<Demo> demos = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line = reader.readLine(); // the header
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 5) {
                    throw new IllegalStateException(INDEX + ": a row needs 5 tab-separated fields: " + line);
                }
                demos.add(new Demo(f[0], f[1], f[2], f[3], f[4]));
            }
            return List.copyOf(demos);
        } catch (IOException e) {
            throw new UncheckedIOException(INDEX + ": cannot read the demo photos' list", e);
        }
    }

    /** Reads a demo photo as an RGB picture. */
    static Picture read(Demo demo) throws IOException {
        String resource = "/demo/" + demo.file();
        try (InputStream in = DemoPhotos.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + ": the demo photo is missing from this build");
            }
            return Pictures.of(Images.fromBuffered(Images.decode(Path.of(demo.file()), in.readAllBytes()), 3));
        }
    }
}
