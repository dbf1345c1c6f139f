package org.lacuna.ui.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.lacuna.ui.common.Numbers;
import org.lacuna.cli.Cli;
import org.lacuna.config.Json;
import org.lacuna.data.Images;
import org.lacuna.data.SyntheticImages;

/** Photos, and `eval --json` run as the command line runs it, for the Evaluate workspace's tests. */
final class EvalFixtures {

    private EvalFixtures() {
    }

    /** {@code n} photo-like PNGs of assorted sizes (so that the centred square matters) in a new folder. */
    static Path photos(Path folder, int n) throws Exception {
        Files.createDirectories(folder);
        for (int i = 0; i < n; i++) {
            Images.write(SyntheticImages.photo(40 + 3 * i, 32 + 2 * (i % 3), 3, 100 + i),
                    folder.resolve(String.format("p%02d.png", i)));
        }
        return folder;
    }

    /** `eval --model FILE --data DIR --limit N --samples K --seed S --json OUT`, its report as JSON. */
    static JsonNode eval(Path model, Path data, int limit, int samples, long seed, Path json) throws Exception {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "eval", "--model",
                model.toString(), "--data", data.toString(), "--limit", Integer.toString(limit), "--samples",
                Integer.toString(samples), "--seed", Long.toString(seed), "--json", json.toString(),
                "--baselines", "meanfill,telea,ns,fsr-fast"); // the workspace's fills unless FSR best is asked for
        assertEquals(0, code, err.toString());
        return Json.mapper().readTree(Files.readString(json));
    }

    /** The table eval's JSON describes, as the workspace formats it: the model's row, then the fills'. */
    static List<List<String>> rows(String label, JsonNode r) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(label, Numbers.four(r.get("bpd").asDouble()), Numbers.psnr(r.get("psnr_mean").asDouble()),
                Numbers.four(r.get("ssim_mean").asDouble()), Numbers.psnr(r.get("psnr_best").asDouble()),
                Numbers.four(r.get("ssim_best").asDouble()), Numbers.four(r.get("diversity").asDouble())));
        for (String[] fill : new String[][]{{"meanfill", "mean fill"}, {"telea", "OpenCV Telea"},
                {"ns", "OpenCV Navier-Stokes"}, {"fsr_fast", "OpenCV FSR fast"}}) { // FSR best only when asked
            JsonNode b = r.get("baselines").get(fill[0]);
            rows.add(List.of(fill[1], Numbers.NONE, Numbers.psnr(b.get("psnr").asDouble()),
                    Numbers.four(b.get("ssim").asDouble()), Numbers.NONE, Numbers.NONE, Numbers.NONE));
        }
        return rows;
    }

    /** The workspace's table as lists of cells. */
    static List<List<String>> cells(List<ScoreTable.Row> table) {
        return table.stream().map(r -> List.of(r.name(), r.bpd(), r.psnr(), r.ssim(), r.psnrBest(), r.ssimBest(),
                r.diversity())).toList();
    }
}
