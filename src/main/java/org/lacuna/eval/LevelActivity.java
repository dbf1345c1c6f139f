package org.lacuna.eval;

/**
 * The active units of one latent level (Burda et al. 2016): units whose posterior mean E_q[z_u | x] varies across
 * the data with a variance above {@link ActiveUnits#THRESHOLD}.
 *
 * @param level  1 = z1 ... L = the top
 * @param active how many units are active
 * @param units  the level's units (channels x side x side)
 */
public record LevelActivity(int level, int active, int units) {

    /** The share of the level's units that are active, in [0, 1]. */
    public double share() {
        return units == 0 ? 0 : (double) active / units;
    }
}
