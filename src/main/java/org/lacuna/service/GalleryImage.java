package org.lacuna.service;

import java.util.Arrays;
import java.util.List;

/**
 * The evaluation's gallery as one picture, for a PNG: one entry per window, in the order given, each a strip of
 * five tiles (truth, the model's mean, its best sample, Navier-Stokes, Telea) with a bar on its left that is green
 * where the mean beats Navier-Stokes by more than 0.01 dB, red where it loses by more, grey otherwise. Entries run
 * down in columns of {@value #PER_COLUMN}. Tiles are enlarged by a whole factor to at least 64 pixels.
 */
final class GalleryImage {

    static final int PER_COLUMN = 25;
    static final int GAP = 2;
    static final int BAR = 4;
    static final int COLUMN_GAP = 16;
    static final int TILES = 5;
    static final int BACKGROUND = 0xFFFFFFFF;
    static final int WINS = 0xFF2E7D32;
    static final int LOSES = 0xFFC62828;
    static final int LEVEL = 0xFF9E9E9E;

    private GalleryImage() {
    }

    /** The enlargement of a tile of side {@code side}: the smallest whole factor reaching 64 pixels. */
    static int scale(int side) {
        return Math.max(1, (64 + side - 1) / side);
    }

    static Picture of(List<EvaluationService.GalleryRow> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the gallery is empty: evaluate first");
        }
        int side = rows.get(0).truth().width();
        int tile = side * scale(side);
        int entryWidth = BAR + GAP + TILES * (tile + GAP);
        int entryHeight = tile + GAP;
        int columns = (rows.size() + PER_COLUMN - 1) / PER_COLUMN;
        int perColumn = Math.min(PER_COLUMN, rows.size());
        int width = GAP + columns * entryWidth + (columns - 1) * COLUMN_GAP;
        int height = GAP + perColumn * entryHeight;
        int[] argb = new int[width * height];
        Arrays.fill(argb, BACKGROUND);
        for (int i = 0; i < rows.size(); i++) {
            EvaluationService.GalleryRow row = rows.get(i);
            int x = GAP + (i / PER_COLUMN) * (entryWidth + COLUMN_GAP);
            int y = GAP + (i % PER_COLUMN) * entryHeight;
            double gain = row.gain();
            fill(argb, width, x, y, BAR, tile, gain > 0.01 ? WINS : gain < -0.01 ? LOSES : LEVEL);
            x += BAR + GAP;
            for (Picture p : List.of(row.truth(), row.mean(), row.best(), row.navierStokes(), row.telea())) {
                draw(argb, width, x, y, p, tile / p.width());
                x += tile + GAP;
            }
        }
        return Picture.adopt(width, height, argb);
    }

    private static void fill(int[] argb, int width, int x, int y, int w, int h, int colour) {
        for (int row = y; row < y + h; row++) {
            Arrays.fill(argb, row * width + x, row * width + x + w, colour);
        }
    }

    /** Draws a picture enlarged {@code by} times (nearest neighbour: the model's pixels stay visible). */
    private static void draw(int[] argb, int width, int x, int y, Picture p, int by) {
        for (int py = 0; py < p.height() * by; py++) {
            int offset = (y + py) * width + x;
            for (int px = 0; px < p.width() * by; px++) {
                argb[offset + px] = p.pixel(px / by, py / by);
            }
        }
    }
}
