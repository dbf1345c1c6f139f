package org.lacuna.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ModelConfigTest {

    @Test
    void presetsRoundTripThroughJson() {
        for (String name : Presets.names()) {
            ModelConfig config = Presets.get(name);
            assertEquals(config, Json.read(Json.write(config), ModelConfig.class));
        }
        ModelConfig top = Presets.COCO64.withConditioning(Conditioning.TOP_ONLY);
        assertTrue(Json.write(top).contains("\"top-only\""));
        assertEquals(top, Json.read(Json.write(top), ModelConfig.class));
    }

    @Test
    void fashion32IsCoco64OneResolutionLower() {
        ModelConfig f = Presets.FASHION32;
        assertEquals(32, f.imageSize());
        assertEquals(1, f.channels());
        assertEquals(new Hole(8, 8, 16, 16), f.hole());
        assertEquals(8, f.resolution(f.level(1).stage()));
        assertEquals(2, f.resolution(f.level(3).stage()));
        assertEquals(16 * 16, f.modelledDims());
        assertEquals(32 * 32 * 3, Presets.COCO64.modelledDims());
        assertEquals(64 * 64 * 3, Presets.COCO64.withConditioning(Conditioning.TOP_ONLY).modelledDims());
    }

    @Test
    void anUnknownKeyIsAnErrorThatNamesIt() {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().valueToTree(Presets.COCO64);
        tree.put("chanels", 3);
        String json = tree.toString();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.read(json, ModelConfig.class));
        assertTrue(e.getMessage().contains("chanels"), e.getMessage());
    }

    @Test
    void aMissingKeyIsAnError() {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().valueToTree(Presets.COCO64);
        tree.remove("conditioning");
        String json = tree.toString();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.read(json, ModelConfig.class));
        assertTrue(e.getMessage().contains("conditioning"), e.getMessage());
    }

    @Test
    void impossibleShapesAreRefusedWithTheReason() {
        ModelConfig c = Presets.COCO64;
        assertMessage("multiple of 2^4", () -> c.withImage(60, 3, Hole.centred(60, 30)));
        assertMessage("inside the 64x64", () -> c.withImage(64, 3, new Hole(40, 40, 32, 32)));
        assertMessage("whole image", () -> c.withImage(64, 3, new Hole(0, 0, 64, 64)));
        assertMessage("channels must be 1 or 3", () -> c.withImage(64, 2, Hole.centred(64, 32)));
        assertMessage("top level must sit at the last stage",
                () -> c.withLevels(List.of(new Level(2, 8), new Level(3, 16))));
        assertMessage("must be above the level below",
                () -> c.withLevels(List.of(new Level(3, 8), new Level(2, 16), new Level(4, 32))));
        assertMessage("one entry per stage", () -> c.withWidths(List.of(32, 64, 64, 128, 128), List.of(0, 1)));
        assertMessage("unknown conditioning", () -> Conditioning.parse("everywhere"));
        assertMessage("unknown preset 'coco65'", () -> Presets.get("coco65"));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
