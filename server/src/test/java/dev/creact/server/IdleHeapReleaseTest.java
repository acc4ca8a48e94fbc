package dev.creact.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IdleHeapReleaseTest {
    private static String flag(String name) {
        return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name).getValue();
    }

    @Test
    void collectsWithTightFreeRatiosAndPutsThemBackForTheNextBurst() {
        String min = flag("MinHeapFreeRatio");
        String max = flag("MaxHeapFreeRatio");
        var during = new ArrayList<String>();
        var release = new IdleHeapRelease(() -> {
            during.add(flag("MinHeapFreeRatio"));
            during.add(flag("MaxHeapFreeRatio"));
        });
        release.evaluated();
        release.run();
        assertEquals(List.of("5", "10"), during);
        assertEquals(min, flag("MinHeapFreeRatio"));
        assertEquals(max, flag("MaxHeapFreeRatio"));
    }

    @Test
    void collectsOncePerQuietPeriodAndNotWithoutAnEvaluation() {
        var collections = new int[1];
        var release = new IdleHeapRelease(() -> collections[0]++);
        release.run();
        assertEquals(0, collections[0]);
        release.evaluated();
        release.evaluated();
        release.run();
        release.run();
        assertEquals(1, collections[0]);
    }
}
