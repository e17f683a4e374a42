package io.strait.ops.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small inline SVG line chart of lag percentiles over time: one line each for p50, p95 and p99, one point per
 * bucket that committed jobs (empty buckets leave a gap), the y axis from 0 to the largest p99.
 */
final class LagChart {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 200;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 26;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final String[][] LINES = {{"p50", "#2f80ed"}, {"p95", "#f2994a"}, {"p99", "#d64545"}};

    private LagChart() {
    }

    static String svg(String link, List<Map<String, Object>> series) {
        long max = series.stream().mapToLong(point -> ((Number) point.get("p99")).longValue()).max().orElse(0);
        long points = series.stream().filter(point -> ((Number) point.get("jobs")).longValue() > 0).count();
        StringBuilder svg = new StringBuilder("<svg class=lag-chart id=\"lag-chart-").append(Pages.esc(link))
                .append("\" data-points=\"").append(points).append("\" width=").append(WIDTH).append(" height=")
                .append(HEIGHT).append(" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=img aria-label=\"lag percentiles of link ").append(Pages.esc(link))
                .append("\"><rect x=0 y=0 width=").append(WIDTH).append(" height=").append(HEIGHT)
                .append(" fill=\"#fff\" stroke=\"#d9e2ec\"/>");
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        long scale = Math.max(1, max);
        for (int tick = 0; tick <= 4; tick++) {
            double y = TOP + plotHeight - plotHeight * tick / 4;
            svg.append("<line x1=").append(LEFT).append(" x2=").append(WIDTH - RIGHT).append(" y1=\"")
                    .append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#eef1f4\"/><text x=")
                    .append(LEFT - 6).append(" y=\"").append(fmt(y + 4)).append("\" text-anchor=end>")
                    .append(Pages.duration(scale * tick / 4)).append("</text>");
        }
        int n = series.size();
        for (int i = 0; i < n; i += Math.max(1, n / 6)) {
            double x = LEFT + plotWidth * (i + 0.5) / n;
            svg.append("<text x=\"").append(fmt(x)).append("\" y=").append(HEIGHT - 8).append(" text-anchor=middle>")
                    .append(HOUR.format(Instant.ofEpochMilli(((Number) series.get(i).get("fromMs")).longValue())))
                    .append("</text>");
        }
        for (String[] line : LINES) {
            StringBuilder path = new StringBuilder();
            boolean drawing = false;
            for (int i = 0; i < n; i++) {
                Map<String, Object> point = series.get(i);
                if (((Number) point.get("jobs")).longValue() == 0) {
                    drawing = false;
                    continue;
                }
                double x = LEFT + plotWidth * (i + 0.5) / n;
                double y = TOP + plotHeight - plotHeight * ((Number) point.get(line[0])).longValue() / scale;
                path.append(drawing ? " L" : " M").append(fmt(x)).append(' ').append(fmt(y));
                drawing = true;
                svg.append("<circle class=\"point ").append(line[0]).append("\" cx=\"").append(fmt(x))
                        .append("\" cy=\"").append(fmt(y)).append("\" r=3 fill=\"").append(line[1]).append("\"><title>")
                        .append(line[0]).append(' ').append(Pages.duration(point.get(line[0]))).append("</title></circle>");
            }
            if (path.length() > 0) {
                svg.append("<path class=\"line ").append(line[0]).append("\" d=\"").append(path.toString().trim())
                        .append("\" fill=none stroke=\"").append(line[1]).append("\" stroke-width=\"2\"/>");
            }
        }
        int legendX = LEFT + 8;
        for (String[] line : LINES) {
            svg.append("<rect x=").append(legendX).append(" y=").append(TOP + 2).append(" width=10 height=10 fill=\"")
                    .append(line[1]).append("\"/><text x=").append(legendX + 14).append(" y=").append(TOP + 11)
                    .append('>').append(line[0]).append("</text>");
            legendX += 52;
        }
        if (points == 0) {
            svg.append("<text x=").append(WIDTH / 2).append(" y=").append(HEIGHT / 2)
                    .append(" text-anchor=middle>no job committed in this period</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
