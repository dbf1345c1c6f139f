package org.lacuna.config;

/** What a run folder's config.json holds: the model it trains and how. */
public record RunConfig(ModelConfig model, TrainConfig train) {

    public RunConfig {
        if (model == null || train == null) {
            throw new IllegalArgumentException("a run config needs both model and train");
        }
    }
}
