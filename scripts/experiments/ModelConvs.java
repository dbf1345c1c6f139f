// An experiment of issue 15, kept so that anyone can repeat it (docs/PERFORMANCE.md, "Third round"): the 34 convolutions
// of a coco64 training step at batch N, forward, backward to the data and backward to the weights, once as oneDNN
// primitives called directly through JavaCPP's presets (org.bytedeco:dnnl 2.5.2-1.5.7, layouts chosen by oneDNN,
// primitives made once), once as ND4J 1.0.0-M2.1's conv2d / conv2d_bp ops on preallocated NCHW arrays; the median of
// REPS steps of each. Not part of the build. Run from the repository root after `mvn -q -DskipTests package`:
//
//   mvn -q dependency:get -Dartifact=org.bytedeco:dnnl:2.5.2-1.5.7:jar:linux-x86_64
//   mvn -q dependency:get -Dartifact=org.bytedeco:opencl:3.0-1.5.7:jar:linux-x86_64
//   M=~/.m2/repository/org/bytedeco; CP="target/lib/*:$M/dnnl/2.5.2-1.5.7/dnnl-2.5.2-1.5.7.jar:$M/dnnl/2.5.2-1.5.7/dnnl-2.5.2-1.5.7-linux-x86_64.jar:$M/opencl/3.0-1.5.7/opencl-3.0-1.5.7.jar:$M/opencl/3.0-1.5.7/opencl-3.0-1.5.7-linux-x86_64.jar"
//   java -Dorg.bytedeco.javacpp.platform.extension=-onednn -cp "$CP" scripts/experiments/ModelConvs.java N REPS [both|dnnl|nd4j|elu]
//
// (both: each step runs oneDNN's then ND4J's, in one process: their two OpenMP runtimes then disturb each other, so
// time them apart with dnnl and nd4j; elu: oneDNN only, with ELU fused into each forward convolution as a post-op.)
import org.bytedeco.dnnl.*;
import static org.bytedeco.dnnl.global.dnnl.*;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import java.util.*;

/** The 34 convolutions of a coco64 training step (batch N): oneDNN primitives (blocked layout, made once) against ND4J's conv2d/conv2d_bp (NCHW, YXIO weights). */
public class ModelConvs {
  static int[][] L = { {3,32,64,1},{32,64,64,2},{64,64,32,2},{64,64,16,1},{64,128,16,2},{128,128,8,1},{128,128,8,2},{128,128,4,1},
    {4,32,64,1},{32,64,64,2},{64,64,32,2},{64,64,16,1},{64,128,16,2},{128,128,8,1},{128,128,8,2},{128,128,4,1},
    {64,16,16,1},{128,32,8,1},{128,64,4,1},{128,64,4,1},{160,128,4,1},{128,128,8,1},{256,128,8,1},{128,32,8,1},{144,128,8,1},
    {128,64,16,1},{128,64,16,1},{64,16,16,1},{72,64,16,1},{64,64,32,1},{128,64,32,1},{64,32,64,1},{64,32,64,1},{32,6,64,1} };
  static engine eng; static stream strm;
  static IntMemoryMap args(Object... kv) { IntMemoryMap m = new IntMemoryMap(); for (int i=0;i<kv.length;i+=2) m.put((Integer)kv[i], (memory)kv[i+1]); return m; }
  public static void main(String[] a) {
    int N = Integer.parseInt(a[0]); int reps = Integer.parseInt(a[1]); String which = a.length > 2 ? a[2] : "both";
    boolean elu = which.equals("elu"), runDnnl = !which.equals("nd4j"), runNd4j = which.equals("both") || which.equals("nd4j");
    eng = new engine(engine.kind.cpu, 0); strm = new stream(eng);
    List<primitive> prims = new ArrayList<>(); List<IntMemoryMap> pargs = new ArrayList<>(); List<DynamicCustomOp> ops = new ArrayList<>();
    for (int[] l : L) {
      int C=l[0], O=l[1], H=l[2], S=l[3], Ho=H/S;
      long[] st={S,S}, pd={1,1};
      memory.desc src = new memory.desc(new long[]{N,C,H,H}, memory.data_type.f32, memory.format_tag.any), w = new memory.desc(new long[]{O,C,3,3}, memory.data_type.f32, memory.format_tag.any), b = new memory.desc(new long[]{O}, memory.data_type.f32, memory.format_tag.x), dst = new memory.desc(new long[]{N,O,Ho,Ho}, memory.data_type.f32, memory.format_tag.any);
      primitive_attr attr = new primitive_attr();
      if (elu) { post_ops po = new post_ops(); po.append_eltwise(1f, algorithm.eltwise_elu, 1f, 0f); attr.set_post_ops(po); }
      convolution_forward.primitive_desc fpd = new convolution_forward.primitive_desc(new convolution_forward.desc(prop_kind.forward_training, algorithm.convolution_direct, src, w, b, dst, st, pd, pd), attr, eng);
      memory ms = new memory(fpd.src_desc(), eng), mw = new memory(fpd.weights_desc(), eng), mb = new memory(fpd.bias_desc(), eng), md = new memory(fpd.dst_desc(), eng);
      prims.add(new convolution_forward(fpd)); pargs.add(args(DNNL_ARG_SRC, ms, DNNL_ARG_WEIGHTS, mw, DNNL_ARG_BIAS, mb, DNNL_ARG_DST, md));
      convolution_backward_data.primitive_desc bdpd = new convolution_backward_data.primitive_desc(new convolution_backward_data.desc(algorithm.convolution_direct, src, w, dst, st, pd, pd), eng, fpd);
      memory mds = new memory(bdpd.diff_src_desc(), eng), mdd = new memory(bdpd.diff_dst_desc(), eng);
      prims.add(new convolution_backward_data(bdpd)); pargs.add(args(DNNL_ARG_DIFF_DST, mdd, DNNL_ARG_WEIGHTS, mw, DNNL_ARG_DIFF_SRC, mds));
      convolution_backward_weights.primitive_desc bwpd = new convolution_backward_weights.primitive_desc(new convolution_backward_weights.desc(algorithm.convolution_direct, src, w, b, dst, st, pd, pd), eng, fpd);
      memory mdw = new memory(bwpd.diff_weights_desc(), eng), mdb = new memory(bwpd.diff_bias_desc(), eng);
      prims.add(new convolution_backward_weights(bwpd)); pargs.add(args(DNNL_ARG_SRC, ms, DNNL_ARG_DIFF_DST, mdd, DNNL_ARG_DIFF_WEIGHTS, mdw, DNNL_ARG_DIFF_BIAS, mdb));
      if (l == L[0]) System.out.println("impl " + fpd.impl_info_str().getString() + " / " + bwpd.impl_info_str().getString());
      INDArray x = Nd4j.rand(DataType.FLOAT, N,C,H,H), W = Nd4j.rand(DataType.FLOAT, 3,3,C,O), B = Nd4j.rand(DataType.FLOAT, O), y = Nd4j.create(DataType.FLOAT, N,O,Ho,Ho), gy = Nd4j.rand(DataType.FLOAT, N,O,Ho,Ho);
      INDArray gx = Nd4j.create(DataType.FLOAT, N,C,H,H), gW = Nd4j.create(DataType.FLOAT, 3,3,C,O), gB = Nd4j.create(DataType.FLOAT, O);
      int[] ia = {3,3,S,S,1,1,1,1,0,0,0};
      ops.add(DynamicCustomOp.builder("conv2d").addInputs(x,W,B).addOutputs(y).addIntegerArguments(ia).build());
      ops.add(DynamicCustomOp.builder("conv2d_bp").addInputs(x,W,B,gy).addOutputs(gx,gW,gB).addIntegerArguments(ia).build());
    }
    double[] td = new double[reps], tn = new double[reps];
    for (int r = -2; r < reps; r++) {
      long t0 = System.nanoTime();
      if (runDnnl) { for (int i = 0; i < prims.size(); i++) prims.get(i).execute(strm, pargs.get(i)); strm._wait(); }
      long t1 = System.nanoTime();
      if (runNd4j) for (DynamicCustomOp op : ops) Nd4j.exec(op);
      long t2 = System.nanoTime();
      if (r >= 0) { td[r] = (t1-t0)/1e6; tn[r] = (t2-t1)/1e6; }
    }
    Arrays.sort(td); Arrays.sort(tn);
    System.out.printf("batch %d, 34 convs fwd+bwd per step (median of %d): oneDNN blocked%s %.1f ms, ND4J %.1f ms, ratio %.2f%n", N, reps, elu ? " +fused ELU" : "", td[reps/2], tn[reps/2], tn[reps/2]/td[reps/2]);
  }
}
