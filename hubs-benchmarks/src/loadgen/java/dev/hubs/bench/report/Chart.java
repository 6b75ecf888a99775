package dev.hubs.bench.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Draws the benchmark chart with Java 2D (headless, no network, no plotting library): six panels of grouped bars,
 * written as a PNG.
 */
final class Chart {

    private static final Color RAW = new Color(0x8C, 0x8C, 0x8C);
    private static final Color HUB = new Color(0x1F, 0x6F, 0xB4);
    private static final Color SOCKETIO = new Color(0xE0, 0x8A, 0x1E);
    private static final Color TARGET = new Color(0xC0, 0x20, 0x20);
    private static final int WIDTH = 1500;
    private static final int HEIGHT = 900;

    private Chart() {
    }

    static void write(Map<String, double[]> data, Path file, String runDate) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
            g.drawString("Hubs vs raw Jakarta WebSocket (same Open Liberty) vs Socket.IO 4 (Node)", 24, 34);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString("run " + runDate + "; figures and conditions in BENCHMARKS.md", 24, 54);
            legend(g, WIDTH - 420, 30);

            int top = 80;
            int panelWidth = (WIDTH - 40) / 3;
            int panelHeight = (HEIGHT - top - 20) / 2;
            String[] systems = {"raw", "Hubs", "Socket.IO"};
            Color[] colors = {RAW, HUB, SOCKETIO};
            double[] echo = data.get("echo");
            double[] broadcast = data.get("broadcast");
            bars(g, 20, top, panelWidth, panelHeight, "Echo, WebSockets (calls/s)", new String[]{""},
                    single(echo), colors, null, "%,.0f");
            bars(g, 20 + panelWidth, top, panelWidth, panelHeight, "Broadcast, WebSockets (deliveries/s)",
                    new String[]{""}, single(broadcast), colors, null, "%,.0f");
            double[] p50 = data.get("p50");
            double[] p99 = data.get("p99");
            bars(g, 20 + 2 * panelWidth, top, panelWidth, panelHeight, "Echo latency at half of peak (ms)",
                    new String[]{"p50", "p99"}, new double[][]{{p50[0], p99[0]}, {p50[1], p99[1]}, {p50[2], p99[2]}},
                    colors, new double[]{Double.NaN, Report.P99_MS}, "%.2f");
            bars(g, 20, top + panelHeight, panelWidth, panelHeight, "Idle connection, server heap (KB)",
                    new String[]{""}, single(data.get("idle")), colors, new double[]{Report.IDLE_KB}, "%.1f");
            double[] polling = data.get("polling");
            bars(g, 20 + panelWidth, top + panelHeight, panelWidth, panelHeight,
                    "Long polling (echo calls/s, broadcast deliveries/s)", new String[]{"echo", "broadcast"},
                    new double[][]{{Double.NaN, Double.NaN}, {polling[0], polling[2]}, {polling[1], polling[3]}},
                    colors, null, "%,.0f");
            double[][] ratios = {
                    {Double.NaN, Double.NaN, Double.NaN, Double.NaN},
                    {echo[1] / echo[0], broadcast[1] / broadcast[0], echo[1] / echo[2], broadcast[1] / broadcast[2]},
                    {Double.NaN, Double.NaN, Double.NaN, Double.NaN}};
            bars(g, 20 + 2 * panelWidth, top + panelHeight, panelWidth, panelHeight,
                    "Hubs ratios (red: target)", new String[]{"echo/raw", "bcast/raw", "echo/S.IO", "bcast/S.IO"},
                    ratios, colors, new double[]{Report.ECHO_VS_RAW, Report.BROADCAST_VS_RAW, Report.VS_SOCKETIO,
                            Report.VS_SOCKETIO}, "%.2f");
        } finally {
            g.dispose();
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static double[][] single(double[] values) {
        double[][] out = new double[values.length][1];
        for (int i = 0; i < values.length; i++) {
            out[i][0] = values[i];
        }
        return out;
    }

    private static void legend(Graphics2D g, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        String[] names = {"raw WebSocket", "Hubs", "Socket.IO"};
        Color[] colors = {RAW, HUB, SOCKETIO};
        int cx = x;
        for (int i = 0; i < names.length; i++) {
            g.setColor(colors[i]);
            g.fillRect(cx, y - 12, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(names[i], cx + 20, y);
            cx += 30 + g.getFontMetrics().stringWidth(names[i]);
        }
        g.setColor(TARGET);
        g.setStroke(new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[]{6, 4}, 0));
        g.drawLine(cx, y - 5, cx + 24, y - 5);
        g.setStroke(new BasicStroke(1));
        g.setColor(Color.BLACK);
        g.drawString("target", cx + 30, y);
    }

    /**
     * One panel of grouped bars.
     *
     * @param values  [series][group]; NaN draws nothing
     * @param targets per group, a dashed line at that value (NaN: none); null for none
     */
    private static void bars(Graphics2D g, int x, int y, int w, int h, String title, String[] groups,
                             double[][] values, Color[] colors, double[] targets, String format) {
        int left = x + 70;
        int right = x + w - 20;
        int top = y + 40;
        int bottom = y + h - 45;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, x + 16, y + 22);
        double max = 0;
        for (double[] series : values) {
            for (double v : series) {
                if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        if (targets != null) {
            for (double t : targets) {
                if (!Double.isNaN(t)) {
                    max = Math.max(max, t);
                }
            }
        }
        if (max <= 0) {
            g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 13));
            g.drawString("not measured", left + 10, (top + bottom) / 2);
            return;
        }
        double scaleMax = niceCeiling(max * 1.12);
        // axis and grid
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i <= 4; i++) {
            double v = scaleMax * i / 4;
            int yy = bottom - (int) Math.round((bottom - top) * v / scaleMax);
            g.setColor(new Color(0xE6, 0xE6, 0xE6));
            g.drawLine(left, yy, right, yy);
            g.setColor(Color.DARK_GRAY);
            String label = axis(v);
            g.drawString(label, left - 6 - fm.stringWidth(label), yy + 4);
        }
        g.setColor(Color.BLACK);
        g.drawLine(left, bottom, right, bottom);
        int groupWidth = (right - left) / groups.length;
        int seriesCount = 0;
        for (int s = 0; s < values.length; s++) {
            boolean any = false;
            for (double v : values[s]) {
                any |= !Double.isNaN(v);
            }
            if (any) {
                seriesCount++;
            }
        }
        seriesCount = Math.max(1, seriesCount);
        int barWidth = Math.min(70, (groupWidth - 20) / seriesCount);
        for (int gi = 0; gi < groups.length; gi++) {
            int gx = left + gi * groupWidth;
            int used = 0;
            int start = gx + (groupWidth - barWidth * seriesCount) / 2;
            for (int s = 0; s < values.length; s++) {
                boolean any = false;
                for (double v : values[s]) {
                    any |= !Double.isNaN(v);
                }
                if (!any) {
                    continue;
                }
                double v = values[s][gi];
                int bx = start + used * barWidth;
                used++;
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    continue;
                }
                int bh = (int) Math.round((bottom - top) * v / scaleMax);
                g.setColor(colors[s]);
                g.fillRect(bx + 3, bottom - bh, barWidth - 6, bh);
                g.setColor(Color.BLACK);
                String label = String.format(Locale.ROOT, format, v);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                g.drawString(label, bx + (barWidth - g.getFontMetrics().stringWidth(label)) / 2, bottom - bh - 4);
            }
            if (targets != null && gi < targets.length && !Double.isNaN(targets[gi])) {
                int ty = bottom - (int) Math.round((bottom - top) * targets[gi] / scaleMax);
                g.setColor(TARGET);
                g.setStroke(new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1,
                        new float[]{6, 4}, 0));
                g.drawLine(gx + 6, ty, gx + groupWidth - 6, ty);
                g.setStroke(new BasicStroke(1));
            }
            if (!groups[gi].isEmpty()) {
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                int lw = g.getFontMetrics().stringWidth(groups[gi]);
                g.drawString(groups[gi], gx + (groupWidth - lw) / 2, bottom + 18);
            }
        }
    }

    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        // Steps whose quarters are round numbers too (the axis has four intervals).
        for (double step : new double[]{1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String axis(double v) {
        if (v >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", v / 1_000_000);
        }
        if (v >= 10_000) {
            double k = v / 1000;
            return k == Math.rint(k) ? String.format(Locale.ROOT, "%.0fk", k) : String.format(Locale.ROOT, "%.1fk", k);
        }
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
