package org.lacuna.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.lacuna.store.AtomicFiles;

/**
 * The learning curve of a run as a PNG: validation bits/dim by images seen (top), and the PSNR of the hole of the
 * mean completion and of the best of k (an oracle: it picks by the true hole) on a test set, with Navier-Stokes and
 * Telea on the same images as levels across the panel (bottom). Drawn with Java2D, so it needs no display. The
 * drawing of the {@code curve} command, beside it: evaluation measures, it does not draw charts.
 */
final class LearningCurve {

    /** A point: images seen, and a value. */
    public record Point(double images, double value) {
    }

    /** A named line in a colour; {@code dashed} for a reference. */
    public record Series(String label, List<Point> points, Color colour, boolean dashed) {
    }

    private static final int WIDTH = 960;
    private static final int PANEL = 330;
    private static final int LEFT = 80;
    private static final int RIGHT = 230;
    private static final int TOP = 50;
    private static final int GAP = 70;

    private LearningCurve() {
    }

    /** Renders the two panels and writes them (atomically) as a PNG. */
    public static void write(String title, List<Series> top, String topAxis, List<Series> bottom, String bottomAxis,
                             Path png) throws IOException {
        BufferedImage image = render(title, top, topAxis, bottom, bottomAxis);
        AtomicFiles.write(png, out -> javax.imageio.ImageIO.write(image, "png", out));
    }

    static BufferedImage render(String title, List<Series> top, String topAxis, List<Series> bottom,
                                String bottomAxis) {
        int height = TOP + 2 * PANEL + GAP + 60;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 28);
        double maxImages = 1;
        for (List<Series> panel : List.of(top, bottom)) {
            for (Series s : panel) {
                for (Point p : s.points()) {
                    maxImages = Math.max(maxImages, p.images());
                }
            }
        }
        panel(g, top, topAxis, TOP, maxImages, false);
        panel(g, bottom, bottomAxis, TOP + PANEL + GAP, maxImages, true);
        g.dispose();
        return image;
    }

    private static void panel(Graphics2D g, List<Series> series, String axis, int y0, double maxImages,
                              boolean xLabel) {
        int x0 = LEFT, w = WIDTH - LEFT - RIGHT, h = PANEL;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (Point p : s.points()) {
                lo = Math.min(lo, p.value());
                hi = Math.max(hi, p.value());
            }
        }
        if (!Double.isFinite(lo)) {
            lo = 0;
            hi = 1;
        }
        double pad = Math.max(1e-6, (hi - lo) * 0.08);
        lo -= pad;
        hi += pad;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        // grid and ticks
        double yStep = niceStep((hi - lo) / 6);
        for (double v = Math.ceil(lo / yStep) * yStep; v <= hi; v += yStep) {
            int y = y0 + h - (int) Math.round((v - lo) / (hi - lo) * h);
            g.setColor(new Color(0xE6E6E6));
            g.drawLine(x0, y, x0 + w, y);
            g.setColor(Color.DARK_GRAY);
            String label = format(v, yStep);
            g.drawString(label, x0 - 8 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
        }
        double xStep = niceStep(maxImages / 6);
        for (double v = 0; v <= maxImages * 1.0001; v += xStep) {
            int x = x0 + (int) Math.round(v / maxImages * w);
            g.setColor(new Color(0xE6E6E6));
            g.drawLine(x, y0, x, y0 + h);
            g.setColor(Color.DARK_GRAY);
            String label = images(v);
            g.drawString(label, x - fm.stringWidth(label) / 2, y0 + h + fm.getAscent() + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x0, y0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(axis, x0, y0 - 8);
        if (xLabel) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("images seen", x0 + w / 2 - 30, y0 + h + 36);
        }
        // lines, and the legend on the right
        int legendY = y0 + 16;
        for (Series s : series) {
            g.setColor(s.colour());
            g.setStroke(s.dashed() ? new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1,
                    new float[]{6, 4}, 0) : new BasicStroke(2f));
            List<int[]> xy = new ArrayList<>();
            for (Point p : s.points()) {
                xy.add(new int[]{x0 + (int) Math.round(p.images() / maxImages * w),
                        y0 + h - (int) Math.round((p.value() - lo) / (hi - lo) * h)});
            }
            if (s.dashed() && !xy.isEmpty()) {
                // a reference (a classical fill on the same images): one level across the whole panel
                double mean = s.points().stream().mapToDouble(Point::value).average().orElse(0);
                int y = y0 + h - (int) Math.round((mean - lo) / (hi - lo) * h);
                g.drawLine(x0, y, x0 + w, y);
            }
            for (int i = 1; i < xy.size() && !s.dashed(); i++) {
                g.drawLine(xy.get(i - 1)[0], xy.get(i - 1)[1], xy.get(i)[0], xy.get(i)[1]);
            }
            if (!s.dashed()) {
                for (int[] p : xy) {
                    g.fillOval(p[0] - 3, p[1] - 3, 6, 6);
                }
            }
            g.drawLine(x0 + w + 14, legendY - 4, x0 + w + 38, legendY - 4);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            String last = s.points().isEmpty() ? "" : " " + format(s.points().get(s.points().size() - 1).value(), 0.01);
            g.drawString(s.label() + last, x0 + w + 44, legendY);
            legendY += 18;
        }
        g.setStroke(new BasicStroke(1f));
    }

    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    private static String format(double v, double step) {
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step));
        return String.format(Locale.ROOT, "%." + Math.min(3, decimals) + "f", v);
    }

    static String images(double v) {
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6).replace(".0M", "M");
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }
}
