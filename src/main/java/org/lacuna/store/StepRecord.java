package org.lacuna.store;

/**
 * One optimiser step, as the live charts and metrics.jsonl see it.
 *
 * @param step            steps done after this one (1-based)
 * @param loss            recon + beta * KL, nats per image
 * @param recon           reconstruction nats per image
 * @param kl              KL of each level, z1 first, nats per image
 * @param bpd             negative ELBO in bits per modelled sub-pixel
 * @param beta            the KL weight used
 * @param gradNorm        the gradient's global norm before clipping
 * @param skipped         whether the update was skipped (NaN/inf or too large)
 * @param skips           updates skipped so far in the run
 * @param imagesPerSecond throughput over the recent steps
 * @param elapsedSeconds  training time of the run so far (pauses excluded, resumed runs included)
 */
public record StepRecord(long step, double loss, double recon, double[] kl, double bpd, double beta, double gradNorm,
                         boolean skipped, long skips, double imagesPerSecond, double elapsedSeconds) {
}
