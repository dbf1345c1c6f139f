package org.lacuna.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NumPy's {@code .npy} format (versions 1, 2 and 3), for float32 arrays only: {@link #encode} writes
 * little-endian float32 in C order (version 1.0, header padded to 64 bytes as NumPy does); {@link #header} reads
 * any array's header without touching its data, so a caller can refuse other types by name before converting
 * anything; {@link #decodeFloat32} reads the data of a {@code '<f4'} array (C or Fortran order) bit for bit.
 */
public final class Npy {

    /** The only element type Lacuna reads and writes: little-endian IEEE float32. */
    public static final String FLOAT32 = "<f4";

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /**
     * A parsed header. {@code descr} is NumPy's type string ({@code '<f4'}, {@code '<f8'}, {@code '<i8'}, ...;
     * {@code "structured"} for record types); {@code dataOffset} is where the data starts.
     */
    public record Header(String descr, boolean fortranOrder, long[] shape, int dataOffset) {

        public long elementCount() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return n;
        }

        public boolean isFloat32() {
            return FLOAT32.equals(descr);
        }
    }

    private Npy() {
    }

    /** The array as float32 (converted if needed), C order, in a version 1.0 {@code .npy}. */
    public static byte[] encode(INDArray array) {
        INDArray c = array.castTo(DataType.FLOAT).dup('c');
        long[] shape = c.shape();
        float[] values = c.length() == 0 ? new float[0] : c.data().asFloat();
        if (values.length != c.length()) {
            throw new IllegalStateException("buffer of " + values.length + " values for " + c.length() + " elements");
        }
        String dict = "{'descr': '" + FLOAT32 + "', 'fortran_order': False, 'shape': " + pythonTuple(shape) + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (ALIGN - unpadded % ALIGN) % ALIGN;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + 4 * values.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.ISO_8859_1));
        out.asFloatBuffer().put(values);
        return out.array();
    }

    /** Python's spelling of a shape: {@code ()}, {@code (5,)}, {@code (4, 3, 3, 3)}. */
    static String pythonTuple(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(')').toString();
    }

    /** Parses the header; a malformed one is an IOException with the reason (the caller adds the file's name). */
    public static Header header(byte[] npy) throws IOException {
        if (npy.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(npy, MAGIC.length), MAGIC)) {
            throw new IOException("not a .npy array (no NUMPY magic)");
        }
        int major = npy[6] & 0xFF;
        ByteBuffer buf = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
        long length;
        int start;
        if (major == 1) {
            length = buf.getShort(8) & 0xFFFF;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (npy.length < 12) {
                throw new IOException("truncated .npy header");
            }
            length = buf.getInt(8) & 0xFFFFFFFFL;
            start = 12;
        } else {
            throw new IOException(".npy format version " + major + " is not supported");
        }
        if (start + length > npy.length) {
            throw new IOException("truncated .npy header");
        }
        String text = new String(npy, start, (int) length,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(text);
        Matcher fortran = FORTRAN.matcher(text);
        Matcher shape = SHAPE.matcher(text);
        if (!fortran.find() || !shape.find() || !text.contains("'descr'")) {
            throw new IOException("malformed .npy header: " + text.strip());
        }
        String type = descr.find() ? descr.group(1) : "structured";
        return new Header(type, fortran.group(1).equals("True"), parseShape(shape.group(1), text),
                (int) (start + length));
    }

    private static long[] parseShape(String inside, String text) throws IOException {
        List<Long> dims = new ArrayList<>();
        for (String part : inside.split(",")) {
            String p = part.strip();
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1); // Python 2 longs
            }
            if (p.isEmpty()) {
                continue;
            }
            try {
                long d = Long.parseLong(p);
                if (d < 0) {
                    throw new NumberFormatException();
                }
                dims.add(d);
            } catch (NumberFormatException e) {
                throw new IOException("malformed shape in .npy header: " + text.strip(), e);
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    /** The float32 array of a {@code '<f4'} .npy, as a new C-order INDArray with the same bits. */
    public static INDArray decodeFloat32(byte[] npy, Header header) throws IOException {
        if (!header.isFloat32()) {
            throw new IOException("array type " + header.descr() + " (" + describe(header.descr())
                    + ") is not float32");
        }
        long count = header.elementCount();
        long bytes = npy.length - (long) header.dataOffset();
        if (bytes != 4 * count) {
            throw new IOException("data is " + bytes + " bytes, expected " + 4 * count + " for shape "
                    + Arrays.toString(header.shape()));
        }
        if (count > Integer.MAX_VALUE) {
            throw new IOException("array of " + count + " elements is too large");
        }
        float[] values = new float[(int) count];
        ByteBuffer.wrap(npy, header.dataOffset(), (int) bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                .get(values);
        long[] shape = header.shape();
        if (shape.length == 0) {
            return Nd4j.scalar(values[0]);
        }
        if (count == 0) {
            return Nd4j.create(DataType.FLOAT, shape);
        }
        INDArray array = Nd4j.create(values, shape, header.fortranOrder() ? 'f' : 'c');
        return header.fortranOrder() ? array.dup('c') : array;
    }

    /** A readable name for a NumPy type string: {@code '<f8'} is "float64", {@code '>f4'} "big-endian float32". */
    public static String describe(String descr) {
        if (descr.length() < 3) {
            return descr;
        }
        char order = descr.charAt(0);
        char kind = descr.charAt(1);
        String size = descr.substring(2);
        String name;
        try {
            int bits = Integer.parseInt(size) * 8;
            name = switch (kind) {
                case 'f' -> "float" + bits;
                case 'i' -> "int" + bits;
                case 'u' -> "uint" + bits;
                case 'c' -> "complex" + bits;
                case 'b' -> "bool";
                default -> descr;
            };
        } catch (NumberFormatException e) {
            name = descr;
        }
        return (order == '>' ? "big-endian " : "") + name;
    }
}
