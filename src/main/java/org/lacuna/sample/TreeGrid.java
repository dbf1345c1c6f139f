package org.lacuna.sample;

import java.util.ArrayList;
import java.util.List;

import org.lacuna.config.Hole;
import org.lacuna.data.Raster;

/**
 * Lays a completion tree out as one image: the input window (its hole greyed) on the left, then one row per
 * group of leaves that share every level but z1; rows that share a higher parent sit closer together, with a
 * wider gap between higher-level groups. Tiles are scaled by an integer factor (nearest neighbour).
 */
public final class TreeGrid {

    /** Where each tile went, in grid pixels. */
    public record Tile(int leaf, int x, int y) {
    }

    public record Layout(Raster image, Tile input, List<Tile> tiles, int tileSize) {
    }

    private static final int BACKGROUND = 255;
    private static final int HOLE_GREY = 128;

    private TreeGrid() {
    }

    public static Layout render(CompletionTree tree, Hole hole, int scale) {
        if (scale < 1 || scale > 16) {
            throw new IllegalArgumentException("scale must be 1..16, not " + scale);
        }
        Raster input = tree.input();
        int side = input.width() * scale;
        int gap = Math.max(2, side / 16);
        int levels = tree.request().levels();
        int columns = tree.request().branches(1);

        // vertical position of each row: an extra gap each time a path above z1 changes at depth d
        List<List<Completion>> rows = tree.groups(levels - 1);
        int[] rowY = new int[rows.size()];
        int y = 0;
        int[] previous = null;
        for (int r = 0; r < rows.size(); r++) {
            int[] path = rows.get(r).get(0).path();
            if (previous != null) {
                int depth = 0;
                while (depth < levels - 1 && previous[depth] == path[depth]) {
                    depth++;
                }
                y += gap * (levels - 1 - depth);
            }
            rowY[r] = y;
            y += side + gap;
            previous = path;
        }
        int height = Math.max(y - gap, side);
        int left = side + 3 * gap;
        int width = left + columns * side + (columns - 1) * gap;

        int c = input.channels();
        byte[] px = new byte[width * height * c];
        java.util.Arrays.fill(px, (byte) BACKGROUND);
        Raster shown = greyHole(input, hole);
        Tile inputTile = new Tile(-1, 0, 0);
        blit(shown, scale, px, width, c, 0, 0);
        List<Tile> tiles = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            List<Completion> row = rows.get(r);
            for (int i = 0; i < row.size(); i++) {
                int x = left + i * (side + gap);
                blit(row.get(i).image(), scale, px, width, c, x, rowY[r]);
                tiles.add(new Tile(row.get(i).index(), x, rowY[r]));
            }
        }
        return new Layout(new Raster(width, height, c, px), inputTile, tiles, side);
    }

    /** Equal-sized tiles in rows of {@code columns}, scaled, with a small gap. */
    public static Raster mosaic(List<Raster> tiles, int columns, int scale) {
        Raster first = tiles.get(0);
        int side = first.width() * scale;
        int gap = Math.max(2, side / 16);
        int rows = (tiles.size() + columns - 1) / columns;
        int width = columns * side + (columns - 1) * gap;
        int height = rows * side + (rows - 1) * gap;
        int c = first.channels();
        byte[] px = new byte[width * height * c];
        java.util.Arrays.fill(px, (byte) BACKGROUND);
        for (int i = 0; i < tiles.size(); i++) {
            blit(tiles.get(i), scale, px, width, c, (i % columns) * (side + gap), (i / columns) * (side + gap));
        }
        return new Raster(width, height, c, px);
    }

    private static Raster greyHole(Raster input, Hole hole) {
        Raster.Builder b = input.toBuilder();
        for (int y = hole.top(); y < hole.top() + hole.height(); y++) {
            for (int x = hole.left(); x < hole.left() + hole.width(); x++) {
                for (int ch = 0; ch < input.channels(); ch++) {
                    b.set(x, y, ch, HOLE_GREY);
                }
            }
        }
        return b.build();
    }

    private static void blit(Raster tile, int scale, byte[] px, int width, int c, int x0, int y0) {
        for (int y = 0; y < tile.height() * scale; y++) {
            for (int x = 0; x < tile.width() * scale; x++) {
                for (int ch = 0; ch < c; ch++) {
                    px[((y0 + y) * width + x0 + x) * c + ch] = (byte) tile.get(x / scale, y / scale, ch);
                }
            }
        }
    }
}
