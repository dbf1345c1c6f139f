package org.lacuna.model;

/**
 * One named 3x3 convolution of the model: its weight {@code NAME.weight} has the shape [out, in, 3, 3]
 * (MODEL.md, "Weight names and layout") and its bias {@code NAME.bias} the shape [out].
 */
public record ConvSpec(String name, int in, int out) {

    public static final int KERNEL = 3;

    public String weightName() {
        return name + ".weight";
    }

    public String biasName() {
        return name + ".bias";
    }

    public long[] weightShape() {
        return new long[]{out, in, KERNEL, KERNEL};
    }

    public long parameterCount() {
        return (long) out * in * KERNEL * KERNEL + out;
    }
}
