package org.lacuna.eval;

/**
 * The quality of a hole's fill against the truth, averaged over images: PSNR in dB and SSIM, both on the hole only
 * (see {@link Metrics#psnr} and {@link Ssim#ssim}).
 */
public record Quality(double psnr, double ssim) {
}
