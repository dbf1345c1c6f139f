package org.lacuna.data;

import java.awt.image.BufferedImage;

/**
 * The EXIF Orientation tag of a JPEG (how a phone held the camera): read from the file's APP1 segment, and applied
 * to the decoded pixels so that the photo stands as it was taken. Values 1 to 8 as in the EXIF standard; anything
 * unreadable is 1 (as stored).
 */
public final class ExifOrientation {

    private ExifOrientation() {
    }

    /** The orientation in JPEG bytes: 1 (as stored) when there is no EXIF block or it cannot be read. */
    public static int of(byte[] jpeg) {
        try {
            if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
                return 1;
            }
            int i = 2;
            while (i + 4 <= jpeg.length) {
                if ((jpeg[i] & 0xFF) != 0xFF) {
                    return 1;
                }
                int marker = jpeg[i + 1] & 0xFF;
                if (marker == 0xDA || marker == 0xD9) {
                    return 1; // the image data starts: no EXIF before it
                }
                int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
                if (length < 2) {
                    return 1;
                }
                int start = i + 4;
                if (marker == 0xE1 && length >= 8 && start + 6 <= jpeg.length && jpeg[start] == 'E'
                        && jpeg[start + 1] == 'x' && jpeg[start + 2] == 'i' && jpeg[start + 3] == 'f'
                        && jpeg[start + 4] == 0 && jpeg[start + 5] == 0) {
                    return fromTiff(jpeg, start + 6, Math.min(jpeg.length, i + 2 + length));
                }
                i += 2 + length;
            }
        } catch (RuntimeException e) {
            // a damaged EXIF block: as stored
        }
        return 1;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return 1;
        }
        boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
        if (!little && !(b[tiff] == 'M' && b[tiff + 1] == 'M')) {
            return 1;
        }
        int ifd = tiff + (int) u32(b, tiff + 4, little);
        if (ifd < tiff || ifd + 2 > end) {
            return 1;
        }
        int entries = u16(b, ifd, little);
        for (int e = 0; e < entries; e++) {
            int entry = ifd + 2 + 12 * e;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, little) == 0x0112) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int at, boolean little) {
        return little ? (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 : (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static long u32(byte[] b, int at, boolean little) {
        return little ? (u16(b, at, true) | (long) u16(b, at + 2, true) << 16)
                : ((long) u16(b, at, false) << 16 | u16(b, at + 2, false));
    }

    /** The image as it should be seen under an orientation (1: the image itself). */
    public static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth(), h = image.getHeight();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w, oh = swap ? w : h;
        int[] src = image.getRGB(0, 0, w, h, null, 0, w);
        int[] dst = new int[src.length];
        for (int y2 = 0; y2 < oh; y2++) {
            for (int x2 = 0; x2 < ow; x2++) {
                int x, y;
                switch (orientation) {
                    case 2 -> { x = w - 1 - x2; y = y2; }
                    case 3 -> { x = w - 1 - x2; y = h - 1 - y2; }
                    case 4 -> { x = x2; y = h - 1 - y2; }
                    case 5 -> { x = y2; y = x2; }
                    case 6 -> { x = y2; y = h - 1 - x2; }
                    case 7 -> { x = w - 1 - y2; y = h - 1 - x2; }
                    default -> { x = w - 1 - y2; y = x2; } // 8
                }
                dst[y2 * ow + x2] = src[y * w + x];
            }
        }
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, ow, oh, dst, 0, ow);
        return out;
    }
}
