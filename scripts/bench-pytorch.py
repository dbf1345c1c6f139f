#!/usr/bin/env python3
"""The PyTorch side of Lacuna's speed benchmark: "Lacuna vs PyTorch on the same machine".

This script builds the coco64 reference model of MODEL.md exactly (every-level conditioning: the trunks E and C,
the recognition heads q1..q3, the top-down path with the priors p3, p2, p1, convs named as in MODEL.md's "Weight
names" section, ELU after every conv but the heads, nearest x2 upsampling then conv, 2,591,430 parameters, checked),
its loss exactly (reparameterised z ~ q, closed-form Gaussian KL per level against the learned prior given the sampled
parents, PixelCNN++'s discretised logistic over the hole's 32 x 32 x 3 sub-pixels, loss = recon + beta * sum KL,
batch mean), and measures the same figures as Lacuna's `bench`, under the same key names, the same way:

  train_img_per_s, train_img_per_s_b64   a full training step (batch from uint8 images in memory, the noise drawn
                                         with torch.randn, forward, backward, global gradient norm and clipping,
                                         Adam lr 2e-4), after 3 warm-up steps, the median of --reps repetitions of
                                         4 steps, at batch 32 and 64
  train_rss_mb, train_rss_mb_b64         the peak resident set (VmHWM) of a fresh process training at batch 32 /
                                         at batch 64 (each batch size runs in its own subprocess)
  sample16_ms, sample1_ms                16 / 1 completions of one image as Lacuna draws them: the border (batch 1)
                                         through C once, the top-down path at batch N with prior noise
                                         (temperature 1, branching 1,1,N), logistic means clamped to [-1, 1] and
                                         pasted into the window; eval mode, inference_mode; the median of 3 * --reps
                                         calls after 10 warm-up calls
  sample16_ms_split, sample1_ms_split    the same with each conv over concat(h, C) computed as conv(h) + conv(C) on
                                         the batch-1 border features, the trick Lacuna's sampling graph uses
  ..._bf16                               each of the above with the forward pass under
                                         torch.autocast("cpu", dtype=torch.bfloat16) (convs in bfloat16, float32
                                         master weights and Adam state, heads cast to float32 for the loss), the
                                         peer of Lacuna's bfloat16 path (issue 25); --precision picks one side

Run (from the repository root, with the system Python and Debian's python3-torch, or any PyTorch >= 1.10):

    python3 scripts/bench-pytorch.py [--preset coco64] [--threads 2] [--reps 5] [--json out.json] [--profile]
                                     [--malloc default|lacuna|no-mmap]
                                     [--precision both|float32|bfloat16] [--train-only]

and compare with `java -jar target/lacuna.jar bench --preset coco64` on the same machine, with the same number of
threads and nothing else running. --profile adds torch.profiler's table of where a training step's time goes (3 steps
at batch 32, top ops by self CPU time). Because the model, the loss and
the step mirror MODEL.md's coco64 and Lacuna's Benchmark.java, the comparison is like for like: same graph, same
FLOPs, same figures.

Two things of the machine move PyTorch's figures a lot, and the script prints both:
  - blas: PyTorch sends small batch-1 convolutions (most of sample1's) to its own im2col + BLAS kernel; on Debian's
    default libblas3 (netlib's unoptimised reference BLAS) that is several times slower than on OpenBLAS
    (apt-get install libopenblas0-openmp). Everything at batch 16 and up runs on oneDNN (onednn_conv counts it).
  - malloc: glibc serves big blocks with fresh mmap'ed pages and returns them on free, so each step page-faults
    its activations afresh. Lacuna's bench runs with its own glibc settings (runtime.NativeAllocator);
    --malloc lacuna gives PyTorch the same ones, --malloc no-mmap the same with a 1 GB mmap threshold; the
    default measures PyTorch as it comes.
"""

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

# ---------------------------------------------------------------------------------------------------- the model

IMAGE = 64                     # 64 x 64 RGB
CHANNELS = 3
HOLE = (16, 48)                # rows and columns 16..47
LATENTS = {1: (8, 16), 2: (16, 8), 3: (32, 4)}   # level: (channels, resolution)
EXPECTED_PARAMETERS = 2_591_430
MIN_LOG_SCALE = -7.0
BIN_HALF_WIDTH = 1.0 / 255.0
EDGE = 0.999
MIN_BIN_PROBABILITY = 1e-5
LEARNING_RATE = 2e-4

# MODEL.md, "Weight names and layout", in its order
WEIGHT_NAMES = ([p + n for p in ("E.", "C.") for n in ("c64", "d32", "d16", "c16", "d8", "c8", "d4", "c4")]
                + "q1 q2 q3 p3 h4 u8 h8 p2 h8z u16 h16 p1 h16z u32 h32 u64 h64 out".split())


def conv(cin, cout, stride=1):
    return nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=True)


class Trunk(nn.Module):
    """A bottom-up trunk: its feature maps at 64, 32, 16, 8, 4 (32, 64, 64, 128, 128 channels)."""

    def __init__(self, cin):
        super().__init__()
        self.c64 = conv(cin, 32)
        self.d32 = conv(32, 64, 2)
        self.d16 = conv(64, 64, 2)
        self.c16 = conv(64, 64)
        self.d8 = conv(64, 128, 2)
        self.c8 = conv(128, 128)
        self.d4 = conv(128, 128, 2)
        self.c4 = conv(128, 128)

    def forward(self, x):
        t64 = F.elu(self.c64(x))
        t32 = F.elu(self.d32(t64))
        t16 = F.elu(self.c16(F.elu(self.d16(t32))))
        t8 = F.elu(self.c8(F.elu(self.d8(t16))))
        t4 = F.elu(self.c4(F.elu(self.d4(t8))))
        return {64: t64, 32: t32, 16: t16, 8: t8, 4: t4}


def gaussian_kl(mq, lvq, mp, lvp):
    """KL(N(mq, exp lvq) || N(mp, exp lvp)) per unit."""
    return 0.5 * (lvp - lvq + (torch.exp(lvq) + (mq - mp) ** 2) * torch.exp(-lvp) - 1.0)


def discretised_logistic_log_prob(x, mean, raw_log_scale):
    """log P(x) per sub-pixel, PixelCNN++: 256 bins on [-1, 1], open edge bins, log-scale >= -7, and the density at
    the bin centre times the bin width where the bin's probability is below 1e-5."""
    log_scale = torch.clamp(raw_log_scale, min=MIN_LOG_SCALE)
    inv_scale = torch.exp(-log_scale)
    centred = x - mean
    plus_in = (centred + BIN_HALF_WIDTH) * inv_scale
    min_in = (centred - BIN_HALF_WIDTH) * inv_scale
    mid_in = centred * inv_scale
    log_cdf_plus = plus_in - F.softplus(plus_in)
    log_one_minus_cdf_min = -F.softplus(min_in)
    cdf_delta = torch.sigmoid(plus_in) - torch.sigmoid(min_in)
    log_pdf_mid = mid_in - log_scale - 2.0 * F.softplus(mid_in) + math.log(2.0 * BIN_HALF_WIDTH)
    interior = torch.where(cdf_delta > MIN_BIN_PROBABILITY, torch.log(torch.clamp(cdf_delta, min=1e-12)), log_pdf_mid)
    return torch.where(x < -EDGE, log_cdf_plus, torch.where(x > EDGE, log_one_minus_cdf_min, interior))


class Hvae(nn.Module):
    """MODEL.md's coco64 with conditioning = every-level. Modules are registered in the design's order, so
    state_dict() names and order are MODEL.md's (E.c64.weight, E.c64.bias, ..., out.bias)."""

    def __init__(self):
        super().__init__()
        self.E = Trunk(CHANNELS)
        self.C = Trunk(CHANNELS + 1)
        self.q1 = conv(64, 16)
        self.q2 = conv(128, 32)
        self.q3 = conv(128, 64)
        self.p3 = conv(128, 64)
        self.h4 = conv(160, 128)
        self.u8 = conv(128, 128)
        self.h8 = conv(256, 128)
        self.p2 = conv(128, 32)
        self.h8z = conv(144, 128)
        self.u16 = conv(128, 64)
        self.h16 = conv(128, 64)
        self.p1 = conv(64, 16)
        self.h16z = conv(72, 64)
        self.u32 = conv(64, 64)
        self.h32 = conv(128, 64)
        self.u64 = conv(64, 32)
        self.h64 = conv(64, 32)
        self.out = conv(32, 2 * CHANNELS)
        mask = torch.zeros(1, 1, IMAGE, IMAGE)
        mask[:, :, HOLE[0]:HOLE[1], HOLE[0]:HOLE[1]] = 1.0
        self.register_buffer("mask", mask, persistent=False)

    def border_features(self, x):
        """C's feature maps of c = concat(x * (1 - M), M)."""
        m = self.mask.expand(x.shape[0], -1, -1, -1)
        return self.C(torch.cat([x * (1.0 - self.mask), m], 1))

    def top_down(self, c, draw, split=False):
        """The top-down path from C's features and the latents (draw(level, prior_mean, prior_logvar) -> z) to the
        decoder's 6 output channels. c may be at batch 1 while the z's are at batch N (sampling): then C's maps are
        broadcast, either expanded into the concatenation or (split=True) through their own slice of the weight."""

        def cat_conv(layer, h, other):
            if other.shape[0] == h.shape[0]:
                return layer(torch.cat([h, other], 1))
            if not split:
                return layer(torch.cat([h, other.expand(h.shape[0], -1, -1, -1)], 1))
            k = h.shape[1]
            return (F.conv2d(h, layer.weight[:, :k], None, 1, 1)
                    + F.conv2d(other, layer.weight[:, k:], layer.bias, 1, 1))

        def prior(layer, h):
            m, lv = layer(h).float().chunk(2, 1)  # heads in float32 (a no-op outside autocast), as Lacuna's
            return m, lv

        z3 = draw(3, *prior(self.p3, c[4]))
        h = F.elu(cat_conv(self.h4, z3, c[4]))
        h = F.elu(self.u8(F.interpolate(h, scale_factor=2, mode="nearest")))
        h = F.elu(cat_conv(self.h8, h, c[8]))
        z2 = draw(2, *prior(self.p2, h))
        h = F.elu(self.h8z(torch.cat([h, z2], 1)))
        h = F.elu(self.u16(F.interpolate(h, scale_factor=2, mode="nearest")))
        h = F.elu(cat_conv(self.h16, h, c[16]))
        z1 = draw(1, *prior(self.p1, h))
        h = F.elu(self.h16z(torch.cat([h, z1], 1)))
        h = F.elu(self.u32(F.interpolate(h, scale_factor=2, mode="nearest")))
        h = F.elu(cat_conv(self.h32, h, c[32]))
        h = F.elu(self.u64(F.interpolate(h, scale_factor=2, mode="nearest")))
        h = F.elu(cat_conv(self.h64, h, c[64]))
        return self.out(h).float()

    def loss(self, x, eps, beta=1.0):
        """Negative ELBO, batch mean: recon + beta * sum_l KL_l. eps: {level: standard normal [B, k, r, r]}.
        Returns (loss, recon, [kl1, kl2, kl3]), the last two batch means."""
        e = self.E(x)
        c = self.border_features(x)
        q = {1: self.q1(e[16]).float().chunk(2, 1), 2: self.q2(e[8]).float().chunk(2, 1),
             3: self.q3(e[4]).float().chunk(2, 1)}
        kl = {}

        def posterior(level, pm, plv):
            mq, lvq = q[level]
            kl[level] = gaussian_kl(mq, lvq, pm, plv).sum((1, 2, 3))
            return mq + torch.exp(0.5 * lvq) * eps[level]

        out = self.top_down(c, posterior)
        a, b = HOLE
        logp = discretised_logistic_log_prob(x[:, :, a:b, a:b], out[:, :CHANNELS, a:b, a:b],
                                             out[:, CHANNELS:, a:b, a:b])
        recon = -logp.sum((1, 2, 3))
        kl_total = kl[1] + kl[2] + kl[3]
        loss = recon.mean() + beta * kl_total.mean()
        return loss, recon.mean(), [kl[l].mean() for l in (1, 2, 3)]

    def sample_means(self, border, eps, split=False):
        """Completions of one image: border [1, 3, 64, 64] in [-1, 1] (hole content ignored) through C once, then
        the top-down path at batch N with the prior noise eps {level: [N, k, r, r]} (already times the
        temperature). Returns the logistic means clamped to [-1, 1], [N, 3, 64, 64]."""
        c = self.border_features(border)
        out = self.top_down(c, lambda level, pm, plv: pm + torch.exp(0.5 * plv) * eps[level], split)
        return torch.clamp(out[:, :CHANNELS], -1.0, 1.0)


def build_model(seed=1):
    torch.manual_seed(seed)
    model = Hvae()  # PyTorch's default conv init: weights and biases uniform in +-1/sqrt(fan_in), as Lacuna's
    names = [n for n, _ in model.named_parameters()]
    expected = [n + s for n in WEIGHT_NAMES for s in (".weight", ".bias")]
    if names != expected:
        raise SystemExit("parameter names differ from MODEL.md's: " + " ".join(names))
    return model


def parameter_count(model):
    return sum(p.numel() for p in model.parameters())


# ---------------------------------------------------------------------------------------------------- the data

def photos(count, seed0=0):
    """uint8 images [count, 64, 64, 3] (HWC, RGB) like Lacuna's benchmark photos: smooth sine patterns plus noise."""
    g = torch.Generator().manual_seed(seed0)
    yy, xx = torch.meshgrid(torch.arange(IMAGE, dtype=torch.float64), torch.arange(IMAGE, dtype=torch.float64),
                            indexing="ij")
    out = torch.empty(count, IMAGE, IMAGE, CHANNELS, dtype=torch.uint8)
    for i in range(count):
        a, b, phase = (torch.rand(3, generator=g, dtype=torch.float64) * torch.tensor([0.3, 0.3, 6.0],
                                                                                     dtype=torch.float64)).tolist()
        for ch in range(CHANNELS):
            noise = torch.randint(-5, 6, (IMAGE, IMAGE), generator=g).double()
            v = 128 + 100 * torch.sin(a * xx + b * yy + phase + ch) + noise
            out[i, :, :, ch] = v.clamp(0, 255).to(torch.uint8)
    return out


def to_tensor(images):
    """uint8 [B, H, W, C] -> float [B, C, H, W] in [-1, 1], as x / 127.5 - 1."""
    return images.permute(0, 3, 1, 2).float().div_(127.5).sub_(1.0).contiguous()


def noise(batch, generator=None):
    return {l: torch.randn(batch, k, r, r, generator=generator) for l, (k, r) in LATENTS.items()}


# ---------------------------------------------------------------------------------------------------- training

def precision_context(bf16):
    """torch.autocast on the CPU in bfloat16 (convs in bf16, float32 master weights and Adam state; the heads cast
    back to float32 for the loss and the KL, as Lacuna's bfloat16 path does), or nothing."""
    import contextlib
    return torch.autocast("cpu", dtype=torch.bfloat16) if bf16 else contextlib.nullcontext()


def make_trainer(model, batch, bf16=False):
    """One training step as Lacuna's Benchmark takes it: the batch from the in-memory pool, fresh noise, forward,
    backward, global gradient norm, clipping, Adam; the update skipped when the loss or the norm is not finite."""
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE, betas=(0.9, 0.999), eps=1e-8)
    params = list(model.parameters())
    pool = photos(2 * batch)
    state = {"step": 0, "skips": 0}

    def step():
        offset = (state["step"] % 2) * batch
        x = to_tensor(pool[offset:offset + batch])
        eps = noise(batch)
        optimizer.zero_grad(set_to_none=True)
        with precision_context(bf16):
            loss, recon, kls = model.loss(x, eps, beta=1.0)
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(params, max_norm=1e30)
        loss_value, norm_value = loss.item(), norm.item()
        if math.isfinite(loss_value) and math.isfinite(norm_value):
            optimizer.step()
        else:
            state["skips"] += 1
        state["step"] += 1
        return loss_value

    return step, state


def train_rate(batch, reps, warmup=3, steps_per_rep=4, bf16=False):
    model = build_model()
    model.train()
    step, state = make_trainer(model, batch, bf16)
    for _ in range(warmup):
        step()
    rates = []
    for _ in range(reps):
        start = time.perf_counter()
        for _ in range(steps_per_rep):
            step()
        rates.append(steps_per_rep * batch / (time.perf_counter() - start))
    return statistics.median(rates), state


def tune_malloc(kind):
    """glibc's allocator settings. "lacuna": Lacuna's own (runtime.NativeAllocator, docs/PERFORMANCE.md): blocks up
    to 64 MB from the heap, the heap never trimmed, grown 256 MB at a time. "no-mmap": the same with the mmap
    threshold at 1 GB, so that no block of a coco64 step (the largest, a concatenation at 64 x 64 at batch 64, is
    67 MB) is mmap'ed and page-faulted afresh each step. Returns whether glibc accepted them."""
    import ctypes
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return False
    m_trim_threshold, m_top_pad, m_mmap_threshold = -1, -2, -3
    threshold = 64 << 20 if kind == "lacuna" else 1 << 30
    return (libc.mallopt(m_mmap_threshold, threshold) == 1) & (libc.mallopt(m_trim_threshold, 2**31 - 1) == 1) \
        & (libc.mallopt(m_top_pad, 256 << 20) == 1)


def blas_library():
    """The BLAS library this process has loaded (PyTorch's own im2col convolutions, used for small batch-1 convs,
    run on it), and whether it is netlib's reference BLAS (Debian's libblas3, unoptimised)."""
    try:
        with open("/proc/self/maps") as f:
            paths = {line.split()[-1] for line in f if "blas" in line.rsplit("/", 1)[-1] or "mkl" in line}
    except OSError:
        return "unknown", False
    if not paths:
        return "built in (MKL or none)", False
    path = sorted(paths)[0]
    real = os.path.realpath(path)
    reference = "/blas/libblas.so" in real and "openblas" not in real
    return real, reference


def peak_rss_mb():
    """This process's peak resident set (VmHWM), in MB; ru_maxrss where /proc is missing."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024.0)
    except OSError:
        pass
    import resource
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0)


def train_in_subprocess(batch, args, bf16=False):
    """Trains at one batch size in a fresh Python process (so its peak resident set is its own) and returns
    (images/s, peak RSS in MB)."""
    command = [sys.executable, os.path.abspath(__file__), "--_worker-train", str(batch), "--threads",
               str(args.threads), "--reps", str(args.reps), "--malloc", args.malloc,
               "--precision", "bfloat16" if bf16 else "float32"]
    result = subprocess.run(command, stdout=subprocess.PIPE, check=True, text=True)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    if report["skips"]:
        print(f"warning: {report['skips']} update(s) skipped (loss or gradient norm not finite) at batch {batch}",
              file=sys.stderr)
    return report["img_per_s"], report["rss_mb"]


# ---------------------------------------------------------------------------------------------------- sampling

def inference_context():
    return torch.inference_mode() if hasattr(torch, "inference_mode") else torch.no_grad()


def make_sampler(model, window, leaves, split, bf16=False):
    """One call of Lacuna's Inpainter.sample with branching (1, 1, N): the window (uint8 HWC) to a tensor, the prior
    noise (z3 and z2 shared by the N leaves, z1 per leaf, temperature 1), the means, and the N completions pasted
    into the window as uint8."""
    temperature = 1.0
    a, b = HOLE

    def sample():
        with inference_context(), precision_context(bf16):
            border = to_tensor(window.unsqueeze(0))
            eps = {3: torch.randn(1, 32, 4, 4).mul_(temperature).expand(leaves, -1, -1, -1),
                   2: torch.randn(1, 16, 8, 8).mul_(temperature).expand(leaves, -1, -1, -1),
                   1: torch.randn(leaves, 8, 16, 16).mul_(temperature)}
            means = model.sample_means(border, eps, split)
            hole = means[:, :, a:b, a:b].add(1.0).mul_(127.5).round_().clamp_(0, 255).to(torch.uint8)
            completions = window.unsqueeze(0).repeat(leaves, 1, 1, 1)
            completions[:, a:b, a:b, :] = hole.permute(0, 2, 3, 1)
            return completions

    return sample


def sample_millis(model, window, leaves, reps, split=False, warmup=10, bf16=False):
    sample = make_sampler(model, window, leaves, split, bf16)
    for _ in range(warmup):
        sample()
    ms = []
    for _ in range(reps):
        start = time.perf_counter()
        sample()
        ms.append((time.perf_counter() - start) * 1e3)
    return statistics.median(ms)


# ---------------------------------------------------------------------------------------------------- the machine

def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def cpu_capability():
    """The vector ISA PyTorch's kernels dispatch to (AVX2, AVX512, ...), from torch's build report."""
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage" in line:
            return line.split(":", 1)[1].strip()
    return "unknown"


def onednn_conv_use(model, window):
    """How many of the forward convolutions run through oneDNN (aten::mkldnn_convolution) in a training step at
    batch 32 and in a one-completion sample (PyTorch sends small batch-1 convs to its own im2col kernel)."""
    from torch.profiler import profile, ProfilerActivity

    def count(fn):
        with profile(activities=[ProfilerActivity.CPU]) as prof:
            fn()
        names = [e.name for e in prof.events()]
        return names.count("aten::mkldnn_convolution"), names.count("aten::convolution")

    x = to_tensor(photos(32))
    eps = noise(32)
    model.train()
    train = count(lambda: model.loss(x, eps)[0].backward())
    model.zero_grad(set_to_none=True)
    model.eval()
    sample = count(make_sampler(model, window, 1, False))
    return f"train b32 {train[0]}/{train[1]}, sample1 {sample[0]}/{sample[1]}"


def profile_training(threads):
    """torch.profiler's table of 3 training steps at batch 32 (after 2 warm-up steps), top ops by self CPU time."""
    from torch.profiler import profile, ProfilerActivity
    model = build_model()
    model.train()
    step, _ = make_trainer(model, 32)
    for _ in range(2):
        step()
    start = time.perf_counter()
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        for _ in range(3):
            step()
    wall = time.perf_counter() - start
    print(f"\nprofile: 3 training steps at batch 32, {threads} thread(s), {wall:.2f} s under the profiler "
          f"({wall / 3:.3f} s per step); top ops by self CPU time:")
    print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=25))


# ---------------------------------------------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description="PyTorch side of Lacuna's speed benchmark (MODEL.md's coco64).")
    parser.add_argument("--preset", default="coco64", choices=["coco64"], help="the model (only coco64)")
    parser.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    parser.add_argument("--reps", type=int, default=5,
                        help="training repetitions of 4 steps (default 5); sampling takes 3x as many calls")
    parser.add_argument("--json", metavar="FILE", help="also write the figures to FILE as JSON")
    parser.add_argument("--profile", action="store_true",
                        help="also print torch.profiler's table of 3 training steps at batch 32")
    parser.add_argument("--malloc", default="default", choices=["default", "lacuna", "no-mmap"],
                        help="glibc's allocator as it comes (default); with Lacuna's settings, which Lacuna's own "
                             "bench runs with (lacuna: mmap threshold 64 MB, no trimming, top pad 256 MB); or the "
                             "same with a 1 GB mmap threshold (no-mmap)")
    parser.add_argument("--precision", default="both", choices=["both", "float32", "bfloat16"],
                        help="float32 (keys as before), bfloat16 under torch.autocast('cpu', dtype=torch.bfloat16) "
                             "(keys with the suffix _bf16), or both (default)")
    parser.add_argument("--train-only", action="store_true", help="measure only training at batch 32")
    parser.add_argument("--_worker-train", type=int, metavar="BATCH", dest="worker_train", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.threads < 1 or args.reps < 1:
        parser.error("--threads and --reps must be at least 1")
    if args.malloc != "default" and not tune_malloc(args.malloc):
        raise SystemExit("glibc refused the allocator settings (or this is not glibc)")
    torch.set_num_threads(args.threads)

    if args.worker_train:
        rate, state = train_rate(args.worker_train, args.reps, bf16=args.precision == "bfloat16")
        print(json.dumps({"img_per_s": rate, "rss_mb": peak_rss_mb(), "skips": state["skips"]}))
        return

    model = build_model()
    count = parameter_count(model)
    if count != EXPECTED_PARAMETERS:
        raise SystemExit(f"parameter count {count:,} differs from MODEL.md's {EXPECTED_PARAMETERS:,}")
    window = photos(1, seed0=99)[0]

    r = {}
    r["preset"] = args.preset
    r["conditioning"] = "every-level"
    r["parameters"] = count
    r["torch"] = torch.__version__
    r["onednn"] = bool(torch.backends.mkldnn.is_available())
    r["onednn_conv"] = onednn_conv_use(model, window) if r["onednn"] else "none"
    r["cpu"] = cpu_model()
    r["cpu_capability"] = cpu_capability()
    r["threads"] = torch.get_num_threads()
    r["cores"] = os.cpu_count()
    r["malloc"] = args.malloc
    r["blas"], reference_blas = blas_library()
    for key in ("preset", "parameters", "torch", "onednn", "onednn_conv", "blas", "cpu", "cpu_capability", "threads",
                "malloc"):
        print(f"{key}: {r[key]}", flush=True)
    if reference_blas:
        print("warning: PyTorch is running on netlib's reference BLAS, on which its im2col convolutions (most of a "
              "one-completion sample's convs) are several times slower than on an optimised one; on Debian, "
              "apt-get install libopenblas0-openmp (or point LD_LIBRARY_PATH at its openblas-openmp directory)",
              file=sys.stderr, flush=True)

    precisions = {"both": [False, True], "float32": [False], "bfloat16": [True]}[args.precision]
    keys = []
    # batch 32 of each precision first, one after the other, as Lacuna's bench does
    for bf16 in precisions:
        sfx = "_bf16" if bf16 else ""
        print(f"training at batch 32{' in bfloat16 (autocast)' if bf16 else ''} ...", file=sys.stderr, flush=True)
        r["train_img_per_s" + sfx], r["train_rss_mb" + sfx] = train_in_subprocess(32, args, bf16)
        keys += ["train_img_per_s" + sfx, "train_rss_mb" + sfx]
    for bf16 in precisions if not args.train_only else []:
        sfx = "_bf16" if bf16 else ""
        print(f"training at batch 64{' in bfloat16 (autocast)' if bf16 else ''} ...", file=sys.stderr, flush=True)
        r["train_img_per_s_b64" + sfx], r["train_rss_mb_b64" + sfx] = train_in_subprocess(64, args, bf16)
        keys += ["train_img_per_s_b64" + sfx, "train_rss_mb_b64" + sfx]

    print("sampling ...", file=sys.stderr, flush=True)
    model.eval()
    sample_reps = 3 * args.reps
    for bf16 in precisions if not args.train_only else []:
        sfx = "_bf16" if bf16 else ""
        r["sample16_ms" + sfx] = sample_millis(model, window, 16, sample_reps, bf16=bf16)
        r["sample1_ms" + sfx] = sample_millis(model, window, 1, sample_reps, bf16=bf16)
        r["sample16_ms_split" + sfx] = sample_millis(model, window, 16, sample_reps, split=True, bf16=bf16)
        r["sample1_ms_split" + sfx] = sample_millis(model, window, 1, sample_reps, split=True, bf16=bf16)
        keys += [k + sfx for k in ("sample16_ms", "sample1_ms", "sample16_ms_split", "sample1_ms_split")]

    for key in keys:
        if "rss" not in key:
            r[key] = round(r[key], 1)
        print(f"{key}: {r[key]}", flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(r, f, indent=2)
            f.write("\n")

    if args.profile:
        profile_training(args.threads)


if __name__ == "__main__":
    main()
