package org.lacuna.ui.inpaint;

import org.lacuna.service.Picture;
import org.lacuna.service.PixelRect;
import org.lacuna.service.SampleResult;
import org.lacuna.service.WindowRect;

/**
 * A sampling result with where it belongs: the window it was drawn for, the hole in photo pixels, and the
 * photo's pixels under the hole when it was drawn (pastes blend with those, so trying one completion after
 * another never blends with the previous one).
 */
public record Sampled(SampleResult result, WindowRect window, PixelRect hole, Picture holeBefore, ResultTree tree) {

    /** The picture a key names: "completion:INDEX" or "baseline:LABEL"; null when there is none. */
    public Picture picture(String key) {
        if (key.startsWith(InpaintViewModel.COMPLETION)) {
            int index = Integer.parseInt(key.substring(InpaintViewModel.COMPLETION.length()));
            return index >= 0 && index < result.completions().size() ? result.completions().get(index).image() : null;
        }
        if (key.startsWith(InpaintViewModel.BASELINE)) {
            return result.baselines().get(key.substring(InpaintViewModel.BASELINE.length()));
        }
        return null;
    }
}
