package dev.creact.server;

import com.sun.management.HotSpotDiagnosticMXBean;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands the heap a burst of evaluations grew back to the operating system once the editor goes quiet. Between
 * bursts the live set is small (about 50 MiB at 1,000 resources) while the heap a burst leaves committed is
 * several times that; the collector only shrinks after a full collection, and only down to what
 * {@code MaxHeapFreeRatio} allows. So, once per quiet period: tighten the free ratios, collect, and put the ratios
 * back, so that the next burst grows the heap as freely as the first one did (a tight ratio during a burst means
 * more collections and a slower keystroke). The ratios are manageable flags; where the VM does not offer them,
 * the collection alone still runs. The C heap is trimmed after it.
 */
final class IdleHeapRelease implements Runnable {
    private static final String MIN = "MinHeapFreeRatio";
    private static final String MAX = "MaxHeapFreeRatio";
    /** At rest the heap keeps at most this much free room, in percent: the next evaluation grows it again. */
    private static final String RESTING_MAX_FREE = "10";
    private static final String RESTING_MIN_FREE = "5";

    private final AtomicBoolean dirty = new AtomicBoolean();
    private final Runnable collect;

    IdleHeapRelease() {
        this(() -> {
            System.gc();
            trimNativeHeap();
        });
    }

    /** {@code collect} is the full collection: {@link System#gc()}, or a probe in tests. */
    IdleHeapRelease(Runnable collect) {
        this.collect = collect;
    }

    /** Notes that an evaluation ran, so that the next quiet period collects; a quiet period without one does not. */
    void evaluated() {
        dirty.set(true);
    }

    @Override
    public void run() {
        if (!dirty.getAndSet(false)) {
            return;
        }
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String min = value(vm, MIN);
        String max = value(vm, MAX);
        // MinHeapFreeRatio is lowered first and raised last: the VM requires min <= max at every step
        boolean minSet = min != null && max != null && set(vm, MIN, RESTING_MIN_FREE);
        boolean maxSet = minSet && set(vm, MAX, RESTING_MAX_FREE);
        try {
            collect.run();
        } finally { // each ratio that was changed is put back, also when only the first change took
            if (maxSet) {
                set(vm, MAX, max);
            }
            if (minSet) {
                set(vm, MIN, min);
            }
        }
    }

    /**
     * Returns the C heap's free pages too (glibc keeps them in its arenas after the compiler threads and swc have
     * freed them): the VM's {@code System.trim_native_heap} command, once per quiet period rather than on a timer.
     */
    private static void trimNativeHeap() {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException | RuntimeException e) {
            // not glibc, or no such command in this VM: the heap's pages were handed back all the same
        }
    }

    private static String value(HotSpotDiagnosticMXBean vm, String name) {
        try {
            return vm.getVMOption(name).getValue();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean set(HotSpotDiagnosticMXBean vm, String name, String value) {
        try {
            vm.setVMOption(name, value);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
