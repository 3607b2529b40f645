package io.facefleet.worker.support;

import java.util.Arrays;
import java.util.List;

/** One reading of GET /actuator/prometheus (the text format): a series' value by its name and labels. */
public record PrometheusScrape(List<String> lines) {

    public static PrometheusScrape of(String text) {
        return new PrometheusScrape(text.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).toList());
    }

    /**
     * The sum of the series named {@code name} that carry every label given ({@code "stage=\"detect\""}); 0 when
     * none does, as Prometheus reads a counter that has not started.
     */
    public double value(String name, String... labels) {
        return lines.stream()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    public boolean has(String name) {
        return lines.stream().anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
    }
}
