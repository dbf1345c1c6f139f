package org.lacuna.service;

import org.lacuna.data.Raster;

/** Conversions between the service's pictures and the data package's rasters. */
final class Pictures {

    private Pictures() {
    }

    static Picture of(Raster r) {
        int[] argb = new int[r.width() * r.height()];
        for (int y = 0, i = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++, i++) {
                int red = r.get(x, y, 0);
                int green = r.channels() == 3 ? r.get(x, y, 1) : red;
                int blue = r.channels() == 3 ? r.get(x, y, 2) : red;
                argb[i] = 0xFF000000 | (red << 16) | (green << 8) | blue;
            }
        }
        return Picture.adopt(r.width(), r.height(), argb);
    }

    /** A raster of 3 (RGB) or 1 (luma, ITU-R 601) channels. */
    static Raster toRaster(Picture p, int channels) {
        byte[] px = new byte[p.width() * p.height() * channels];
        for (int y = 0, i = 0; y < p.height(); y++) {
            for (int x = 0; x < p.width(); x++, i++) {
                int c = p.pixel(x, y);
                int red = (c >> 16) & 0xFF, green = (c >> 8) & 0xFF, blue = c & 0xFF;
                if (channels == 3) {
                    px[3 * i] = (byte) red;
                    px[3 * i + 1] = (byte) green;
                    px[3 * i + 2] = (byte) blue;
                } else {
                    px[i] = (byte) Math.round(0.299 * red + 0.587 * green + 0.114 * blue);
                }
            }
        }
        return new Raster(p.width(), p.height(), channels, px);
    }
}
