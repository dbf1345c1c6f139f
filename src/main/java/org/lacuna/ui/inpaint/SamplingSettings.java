package org.lacuna.ui.inpaint;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.lacuna.config.SampleConfig;

/**
 * The sampling controls' state: per latent level (top first) how many values to draw (0 = the prior's mean) and a
 * temperature; the seed; and what that amounts to ("8 completions will be drawn").
 */
public final class SamplingSettings {

    /** Most values per level the spinners offer. */
    public static final int MAX_COUNT = 16;
    /** Highest temperature the spinners offer. */
    public static final double MAX_TEMPERATURE = 2.0;
    /** Seeds are drawn from 0 to this (exclusive), short enough to read out and type back. */
    public static final int SEED_BOUND = 1_000_000;

    /** One latent level's controls. */
    public static final class Level {
        private final int level;
        private final IntegerProperty count = new SimpleIntegerProperty(this, "count", 2);
        private final DoubleProperty temperature = new SimpleDoubleProperty(this, "temperature",
                SampleConfig.DEFAULT_TEMPERATURE);

        Level(int level) {
            this.level = level;
        }

        /** 1 = z1 (the finest) ... L = the top. */
        public int level() {
            return level;
        }

        public String name() {
            return "z" + level;
        }

        public IntegerProperty countProperty() {
            return count;
        }

        public DoubleProperty temperatureProperty() {
            return temperature;
        }
    }

    private final ObservableList<Level> levels = FXCollections.observableArrayList();
    private final LongProperty seed = new SimpleLongProperty(this, "seed");
    private final ReadOnlyIntegerWrapper leaves = new ReadOnlyIntegerWrapper(this, "leaves");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final SplittableRandom random;

    public SamplingSettings(long randomSeed) {
        random = new SplittableRandom(randomSeed);
        seed.set(random.nextInt(SEED_BOUND));
        update();
    }

    /** Sets up the controls for a model of that many levels, keeping the settings of the levels it already had. */
    public void configure(int levelCount) {
        List<Level> next = new ArrayList<>();
        for (int l = levelCount; l >= 1; l--) {
            Level existing = find(l);
            Level level = existing != null ? existing : new Level(l);
            if (existing == null) {
                level.count.addListener((o, a, b) -> update());
                level.temperature.addListener((o, a, b) -> update());
            }
            next.add(level);
        }
        levels.setAll(next);
        update();
    }

    private Level find(int l) {
        for (Level level : levels) {
            if (level.level == l) {
                return level;
            }
        }
        return null;
    }

    /** Sets the counts, top level first (as the CLI's --branching). */
    public void setBranching(int... counts) {
        if (counts.length != levels.size()) {
            throw new IllegalArgumentException(levels.size() + " levels, " + counts.length + " counts");
        }
        for (int i = 0; i < counts.length; i++) {
            levels.get(i).count.set(counts[i]);
        }
    }

    /** A new random seed. */
    public void reroll() {
        long next;
        do {
            next = random.nextInt(SEED_BOUND);
        } while (next == seed.get());
        seed.set(next);
    }

    /** The request these settings describe; valid only when {@link #validProperty()} holds. */
    public SampleConfig request() {
        int[] branching = new int[levels.size()];
        double[] temperatures = new double[levels.size()];
        for (int i = 0; i < levels.size(); i++) {
            branching[i] = levels.get(i).count.get();
            temperatures[i] = levels.get(i).temperature.get();
        }
        return new SampleConfig(branching, temperatures, seed.get());
    }

    private void update() {
        long n = 1;
        for (Level level : levels) {
            n *= Math.max(1, level.count.get());
        }
        boolean ok = !levels.isEmpty() && n <= SampleConfig.MAX_LEAVES;
        leaves.set((int) Math.min(n, Integer.MAX_VALUE));
        valid.set(ok);
        if (levels.isEmpty()) {
            summary.set("Load a model to sample");
        } else if (!ok) {
            summary.set(n + " completions: at most " + SampleConfig.MAX_LEAVES + " at once");
        } else {
            summary.set(n == 1 ? "1 completion will be drawn" : n + " completions will be drawn");
        }
    }

    public ObservableList<Level> levels() {
        return levels;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public ReadOnlyIntegerProperty leavesProperty() {
        return leaves.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
