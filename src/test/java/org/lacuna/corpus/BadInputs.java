package org.lacuna.corpus;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import org.lacuna.data.Images;
import org.lacuna.data.SyntheticImages;

/**
 * The bad-input corpus: files made here (nothing downloaded), each with what every entry point that meets it must
 * do. An entry is refused with a message that names the file and holds {@code reason}, or read (reason null).
 * To add a case: one line in {@link #images()}, {@link BadArchives#models(Path)} or
 * {@link BadArchives#npzs(Path)}.
 */
final class BadInputs {

    /** What to do with a file, and what should happen. */
    interface Maker {
        void make(Path file) throws Exception;
    }

    /**
     * @param name   the file's name in the corpus
     * @param reason the words the refusal holds, or null when the file must be read
     * @param loader for images: what the data loader must do when it differs (null: the same as reason)
     */
    record Entry(String name, String reason, String loader, Maker maker) {
        Entry(String name, String reason, Maker maker) {
            this(name, reason, reason, maker);
        }

        boolean refused() {
            return reason != null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private BadInputs() {
    }

    // ---------------------------------------------------------------- images

    static List<Entry> images() {
        List<Entry> e = new ArrayList<>();
        e.add(new Entry("empty.png", "the file is empty", f -> Files.write(f, new byte[0])));
        e.add(new Entry("truncated.png", "damaged or truncated", f -> {
            byte[] png = png(photo(64, 48));
            Files.write(f, java.util.Arrays.copyOf(png, png.length / 2));
        }));
        e.add(new Entry("text-named.png", "not an image", f -> Files.writeString(f, "this is not a picture\n")));
        e.add(new Entry("one-pixel.png", "at least 8x8", "at least", f -> write(new BufferedImage(1, 1,
                BufferedImage.TYPE_INT_RGB), "png", f)));
        e.add(new Entry("declared-60000x60000.png", "too large to open", f -> Files.write(f, pngHeaderOnly(60000,
                60000))));
        e.add(new Entry("beyond-the-heap-15000x15000.png", "too large to open", f -> Files.write(f,
                pngHeaderOnly(15000, 15000))));
        e.add(new Entry("grey-16-bit.png", null, f -> {
            BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_USHORT_GRAY);
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 40; x++) {
                    img.getRaster().setSample(x, y, 0, (x * 1600 + y * 700) & 0xFFFF);
                }
            }
            write(img, "png", f);
        }));
        e.add(new Entry("grey-alpha.png", null, f -> write(greyAlpha(40, 30), "png", f)));
        e.add(new Entry("palette.png", null, f -> write(palette(40, 30), "png", f)));
        e.add(new Entry("rgba.png", null, f -> {
            BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 40; x++) {
                    img.setRGB(x, y, ((x * 6) << 24) | (x * 5 << 16) | (y * 7 << 8) | 90);
                }
            }
            write(img, "png", f);
        }));
        e.add(new Entry("cmyk.jpg", null, BadInputs::cmykJpeg));
        e.add(new Entry("animated.gif", null, BadInputs::animatedGif));
        e.add(new Entry("tall-10x20000.png", null, f -> write(photo(10, 20000), "png", f)));
        e.add(new Entry("huge-exif.jpg", null, BadInputs::jpegWithHugeExif));
        return e;
    }

    static BufferedImage photo(int width, int height) {
        return Images.toBuffered(SyntheticImages.photo(width, height, 3, 5));
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static void write(BufferedImage image, String format, Path file) throws IOException {
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no " + format + " writer for " + image);
        }
    }

    /** A PNG whose header declares width x height (8-bit RGB) and that ends right after: no pixel data. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).order(ByteOrder.BIG_ENDIAN);
        ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static BufferedImage greyAlpha(int w, int h) {
        ComponentColorModel cm = new ComponentColorModel(java.awt.color.ColorSpace.getInstance(
                java.awt.color.ColorSpace.CS_GRAY), true, false, java.awt.Transparency.TRANSLUCENT,
                DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.setSample(x, y, 0, x * 6);
                raster.setSample(x, y, 1, 255 - y * 5);
            }
        }
        return new BufferedImage(cm, raster, false, null);
    }

    private static BufferedImage palette(int w, int h) {
        byte[] r = new byte[16], g = new byte[16], b = new byte[16];
        for (int i = 0; i < 16; i++) {
            r[i] = (byte) (i * 16);
            g[i] = (byte) (255 - i * 16);
            b[i] = (byte) (i * 8);
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(4, 16, r, g, b));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (x + y) % 16);
            }
        }
        return img;
    }

    /** A four-channel (CMYK) JPEG: the JDK's writer writes a raster's four bands as they are, with an Adobe marker. */
    private static void cmykJpeg(Path file) throws IOException {
        WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 40, 30, 4, null);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                raster.setPixel(x, y, new int[]{x * 6, y * 8, 40, 10});
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), null);
        } finally {
            writer.dispose();
        }
    }

    private static void animatedGif(Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int frame = 0; frame < 3; frame++) {
                BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 30; y++) {
                    for (int x = 0; x < 40; x++) {
                        img.setRGB(x, y, (frame * 80 << 16) | (x * 6 << 8) | y * 8);
                    }
                }
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), null);
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(meta.getNativeMetadataFormatName());
                IIOMetadataNode gce = new IIOMetadataNode("GraphicControlExtension");
                gce.setAttribute("disposalMethod", "none");
                gce.setAttribute("userInputFlag", "FALSE");
                gce.setAttribute("transparentColorFlag", "FALSE");
                gce.setAttribute("delayTime", "10");
                gce.setAttribute("transparentColorIndex", "0");
                root.appendChild(gce);
                meta.setFromTree(meta.getNativeMetadataFormatName(), root);
                writer.writeToSequence(new IIOImage(img, null, meta), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    /** A JPEG with a 65,000-byte EXIF segment (a TIFF header, an empty IFD, then padding) after its start marker. */
    private static void jpegWithHugeExif(Path file) throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(photo(64, 48), "jpeg", plain);
        byte[] jpeg = plain.toByteArray();
        int payload = 65_000;
        ByteBuffer app1 = ByteBuffer.allocate(4 + payload).order(ByteOrder.BIG_ENDIAN);
        app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (payload + 2));
        app1.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        app1.put(new byte[]{'M', 'M', 0, 42}).putInt(8).putShort((short) 0).putInt(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(app1.array());
        out.write(jpeg, 2, jpeg.length - 2);
        Files.write(file, out.toByteArray());
    }
}
