package org.lacuna.ui.eval;

import java.util.ArrayList;
import java.util.List;

import org.lacuna.ui.common.Numbers;
import org.lacuna.service.EvaluationScores;

/**
 * The results side by side, as `eval` prints them: one row per evaluated model and one per classical fill (mean
 * fill, OpenCV Telea, OpenCV Navier-Stokes, on the same windows), with bits/dim, PSNR and SSIM of the mean completion
 * (of the fill, for a fill), PSNR and SSIM of the best of k (picked by the true hole: an oracle) and the diversity of
 * the k. Cells are text; a fill has no bits/dim, best of k or diversity. Pure: no JavaFX.
 */
final class ScoreTable {

    /** One row of the table. {@code model} tells a model's row from a fill's. */
    record Row(String name, String bpd, String psnr, String ssim, String psnrBest, String ssimBest, String diversity,
               boolean model) {
    }

    private ScoreTable() {
    }

    static List<Row> rows(List<EvaluationScores> models) {
        List<Row> rows = new ArrayList<>();
        for (EvaluationScores s : models) {
            rows.add(new Row(s.label(), Numbers.four(s.bpd()), Numbers.psnr(s.psnrMean()), Numbers.four(s.ssimMean()),
                    Numbers.psnr(s.psnrBest()), Numbers.four(s.ssimBest()), Numbers.four(s.diversity()), true));
        }
        if (!models.isEmpty()) {
            // the fills see the same windows whichever model was evaluated: the first model's run measured them
            for (EvaluationScores.Fill f : models.get(0).fills()) {
                rows.add(new Row(f.label(), Numbers.NONE, Numbers.psnr(f.psnr()), Numbers.four(f.ssim()), Numbers.NONE,
                        Numbers.NONE, Numbers.NONE, false));
            }
        }
        return rows;
    }

    /** The heading of the best-of-k columns: "Best of 16, by the true hole". */
    static String bestHeading(List<EvaluationScores> models) {
        return models.isEmpty() ? "Best of k, by the true hole"
                : "Best of " + models.get(0).samples() + ", by the true hole";
    }

    /** The heading of the bits/dim column: over the hole, or the whole image for a top-only model. */
    static String bpdHeading(List<EvaluationScores> models) {
        boolean image = models.stream().anyMatch(s -> "image".equals(s.bpdOver()));
        boolean hole = models.stream().anyMatch(s -> "hole".equals(s.bpdOver()));
        return image && hole ? "Bits/dim (hole; image for top-only)" : image ? "Bits/dim (image)" : "Bits/dim (hole)";
    }
}
