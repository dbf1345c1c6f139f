package org.lacuna.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between rasters and the network's tensors (NCHW, x / 127.5 - 1). */
public final class Tensors {

    private Tensors() {
    }

    /** One raster as a [1, C, H, W] float tensor in [-1, 1]. */
    public static INDArray toTensor(Raster raster) {
        return batch(new Raster[]{raster});
    }

    /** Equal-sized rasters as a [B, C, H, W] float tensor in [-1, 1]. */
    public static INDArray batch(Raster[] rasters) {
        Raster first = rasters[0];
        int w = first.width(), h = first.height(), c = first.channels();
        int plane = w * h;
        float[] values = new float[rasters.length * c * plane];
        for (int b = 0; b < rasters.length; b++) {
            Raster r = rasters[b];
            if (r.width() != w || r.height() != h || r.channels() != c) {
                throw new IllegalArgumentException("batch rasters differ in size: " + first + " and " + r);
            }
            byte[] px = r.buffer();
            int base = b * c * plane;
            for (int i = 0; i < plane; i++) {
                for (int ch = 0; ch < c; ch++) {
                    values[base + ch * plane + i] = (px[i * c + ch] & 0xFF) / 127.5f - 1f;
                }
            }
        }
        return Nd4j.create(values, new long[]{rasters.length, c, h, w}, 'c');
    }

    /** The 8-bit value of a network output in [-1, 1]: round((v + 1) * 127.5), clamped. */
    public static int toByte(double v) {
        return (int) Math.max(0, Math.min(255, Math.round((v + 1.0) * 127.5)));
    }

    /** Image b of a [B, C, H, W] tensor as a raster. */
    public static Raster toRaster(INDArray tensor, int b) {
        long[] s = tensor.shape();
        int c = (int) s[1], h = (int) s[2], w = (int) s[3];
        float[] values = tensor.get(org.nd4j.linalg.indexing.NDArrayIndex.point(b)).castTo(DataType.FLOAT).dup('c')
                .data().asFloat();
        byte[] px = new byte[w * h * c];
        int plane = w * h;
        for (int i = 0; i < plane; i++) {
            for (int ch = 0; ch < c; ch++) {
                px[i * c + ch] = (byte) toByte(values[ch * plane + i]);
            }
        }
        return new Raster(w, h, c, px);
    }
}
