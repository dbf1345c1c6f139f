package org.lacuna.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.lacuna.config.Conditioning;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.Presets;

/** The network's one description: the convs it walks are the ones every backend builds, in the design's order. */
class NetworkTest {

    @Test
    void theWalksConvsAreTheGraphsInOrderAndShape() {
        for (ModelConfig c : List.of(Presets.COCO64, Presets.COCO64.withConditioning(Conditioning.TOP_ONLY),
                Presets.FASHION32, TinyConfigs.twoConvsPerStage(Conditioning.EVERY_LEVEL),
                TinyConfigs.twoConvsPerStage(Conditioning.TOP_ONLY))) {
            assertEquals(Network.convs(c), Hvae.create(c, 1).convs(), c.name() + " " + c.conditioning());
        }
        assertEquals(2_591_430L, Network.convs(Presets.COCO64).stream().mapToLong(ConvSpec::parameterCount).sum());
    }

    @Test
    void twoConvsPerStageNamesEachConvOfAStage() {
        List<String> names = Network.convs(TinyConfigs.twoConvsPerStage(Conditioning.EVERY_LEVEL)).stream()
                .map(ConvSpec::name).toList();
        assertTrue(names.containsAll(List.of("E.c32", "E.c32_2", "E.c32_3", "E.d16", "E.c16", "E.c16_2", "C.c4",
                "C.c4_2")), names.toString());
        assertEquals(new ConvSpec("C.c32", 4, 8), Network.convs(TinyConfigs.twoConvsPerStage(Conditioning.TOP_ONLY))
                .stream().filter(s -> s.name().equals("C.c32")).findFirst().orElseThrow(), "the border input: 3 + 1");
    }
}
