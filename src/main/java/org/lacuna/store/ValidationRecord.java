package org.lacuna.store;

/**
 * A validation pass with the EMA weights and beta = 1.
 *
 * @param step   steps done when it ran
 * @param recon  reconstruction nats per image
 * @param kl     KL per level, z1 first
 * @param bpd    negative ELBO in bits per modelled sub-pixel
 * @param images images evaluated
 * @param best   whether this is the best bpd of the run so far
 */
public record ValidationRecord(long step, double recon, double[] kl, double bpd, int images, boolean best) {
}
