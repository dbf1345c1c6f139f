package org.lacuna.ui.inpaint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.lacuna.config.SampleConfig;
import org.lacuna.service.Picture;
import org.lacuna.service.SampleResult;
import org.lacuna.service.WindowRect;

/** The sampling settings, the result tree's labels and the window's mouse geometry: plain code, no JavaFX. */
class SettingsAndGeometryTest {

    @Test
    void settingsFollowTheModelsLevelsAndSayHowManyCompletions() {
        SamplingSettings s = new SamplingSettings(4);
        assertEquals("Load a model to sample", s.summaryProperty().get());
        assertFalse(s.validProperty().get());
        s.configure(3);
        assertEquals(8, s.leavesProperty().get());
        s.setBranching(0, 3, 1);
        s.levels().get(2).temperatureProperty().set(0.3);
        assertEquals("3 completions will be drawn", s.summaryProperty().get());
        SampleConfig request = s.request();
        assertArrayEquals(new int[]{0, 3, 1}, request.branching());
        assertArrayEquals(new double[]{SampleConfig.DEFAULT_TEMPERATURE, SampleConfig.DEFAULT_TEMPERATURE, 0.3},
                request.temperatures());
        assertEquals(s.seedProperty().get(), request.seed());
        s.configure(2);
        assertEquals(List.of("z2", "z1"), s.levels().stream().map(SamplingSettings.Level::name).toList());
        assertEquals(3, s.leavesProperty().get());
        s.setBranching(16, 16);
        s.configure(3);
        assertEquals(16 * 16 * 2, s.leavesProperty().get());
        s.levels().get(0).countProperty().set(16);
        assertFalse(s.validProperty().get());
        assertEquals("4096 completions: at most 1024 at once", s.summaryProperty().get());
        long seed = s.seedProperty().get();
        s.reroll();
        assertNotEquals(seed, s.seedProperty().get());
        assertTrue(s.seedProperty().get() >= 0 && s.seedProperty().get() < SamplingSettings.SEED_BOUND);
    }

    @Test
    void levelsAtThePriorMeanAreLabelledSoAndOneLevelIsOneGroup() {
        Picture p = new Picture(1, 1, new int[1]);
        SampleConfig request = SampleConfig.of(1, 0, 2);
        SampleResult r = new SampleResult(request, p, List.of(new SampleResult.Completion(0, new int[]{0, 0}, p),
                new SampleResult.Completion(1, new int[]{0, 1}, p)), java.util.Map.of(), 1);
        ResultTree tree = ResultTree.of(r);
        assertEquals("z2 mean", tree.branches().get(0).header());
        assertEquals("z2 mean › z1 #2", tree.branches().get(0).groups().get(0).leaves().get(1).path());

        SampleResult one = new SampleResult(SampleConfig.of(1, 3), p, List.of(new SampleResult.Completion(0,
                new int[]{0}, p), new SampleResult.Completion(1, new int[]{1}, p)), java.util.Map.of(), 1);
        ResultTree flat = ResultTree.of(one);
        assertEquals(1, flat.branches().size());
        assertEquals(List.of("z1 #1", "z1 #2"),
                flat.branches().get(0).groups().get(0).leaves().stream().map(ResultTree.Leaf::label).toList());
    }

    @Test
    void theWindowMovesAndResizesInsideThePhoto() {
        WindowRect w = new WindowRect(10, 10, 50);
        assertEquals(new WindowRect(50, 0, 50), WindowGeometry.moved(w, 100, -30, 100, 80));
        assertEquals(new WindowRect(0, 0, 80), WindowGeometry.inside(new WindowRect(-5, 3, 200), 100, 80));
        // dragging the bottom-right corner: the top-left stays, the side follows the larger distance
        assertEquals(new WindowRect(10, 10, 40), WindowGeometry.fromAnchor(10, 10, 50.4, 30, 100, 80));
        // limited by the bottom edge
        assertEquals(new WindowRect(10, 10, 70), WindowGeometry.fromAnchor(10, 10, 95, 95, 100, 80));
        // dragging up and to the left of the anchor
        assertEquals(new WindowRect(30, 40, 30), WindowGeometry.fromAnchor(60, 70, 40, 40, 100, 80));
        // never smaller than the minimum
        assertEquals(new WindowRect(10, 10, WindowGeometry.MIN_SIDE), WindowGeometry.fromAnchor(10, 10, 11, 11, 100, 80));
        // at the right edge there is no room to the right: it grows to the left
        assertEquals(new WindowRect(80, 10, 20), WindowGeometry.fromAnchor(100, 10, 101, 30, 100, 80));
    }
}
