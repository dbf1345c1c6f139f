package org.lacuna.model;

/**
 * The loss terms of one batch, averaged over its images, in nats (MODEL.md, "Loss").
 *
 * @param loss  recon + beta * sum of the KLs (what training minimises)
 * @param recon -log p(x_modelled | z1, x_outer)
 * @param kl    KL of each level, kl[0] for z1 up to the top
 * @param bpd   negative ELBO (beta = 1) in bits per modelled sub-pixel
 */
public record LossTerms(double loss, double recon, double[] kl, double bpd) {

    public double klTotal() {
        double sum = 0;
        for (double k : kl) {
            sum += k;
        }
        return sum;
    }
}
